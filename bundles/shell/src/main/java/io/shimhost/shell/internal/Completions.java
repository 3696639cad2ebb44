package io.shimhost.shell.internal;

import io.shimhost.api.NamespaceType;
import io.shimhost.api.ShimType;
import io.shimhost.api.Signals;
import io.shimhost.api.registry.ShimRecord;
import io.shimhost.shell.internal.CommandSyntax.Argument;
import io.shimhost.shell.internal.CommandSyntax.Option;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What may complete the last word of a command line, read from the commands' own
 * {@link CommandSyntax} and from the node: command names; a command's options; a shim's id where a
 * command takes one (the running shims first where a command acts on a running one); deployed
 * types; signal names; namespace types; {@code TYPE=} and then paths for {@code --enter-ns}; paths
 * for {@code --console}, {@code --log} and {@code --config path=}. Each candidate is the whole
 * word; one ending in {@code /}, {@code =}, {@code ,} or {@code :} is not finished yet.
 */
final class Completions {

    /** What the node knows now. */
    record Node(List<ShimRecord> table, List<ShimType> types) {
    }

    private static final Set<String> ACT_ON_RUNNING = Set.of("signal", "stop", "wait", "running", "ns", "logs", "stats",
            "inspect");

    private final Map<String, CommandSyntax> commands;
    private final Collection<String> otherCommands;
    private final Node node;

    /**
     * @param commands the shim commands' syntax, by function name ({@code stop})
     * @param otherCommands every other command name the shell knows, to complete a first word
     */
    Completions(Map<String, CommandSyntax> commands, Collection<String> otherCommands, Node node) {
        this.commands = commands;
        this.otherCommands = otherCommands;
        this.node = node;
    }

    /** @param words the line's words, the last one being the one to complete (possibly empty) */
    List<String> of(List<String> words) {
        String current = words.isEmpty() ? "" : words.get(words.size() - 1);
        if (words.size() <= 1) {
            return matching(Stream.concat(commands.keySet().stream().sorted().map(n -> "shim:" + n),
                    otherCommands.stream().filter(c -> !c.startsWith("shim:")).sorted()).distinct().toList(), current);
        }
        String name = words.get(0).startsWith("shim:") ? words.get(0).substring(5) : words.get(0);
        CommandSyntax syntax = commands.get(name);
        if (syntax == null) {
            return List.of();
        }
        return afterCommand(syntax, words.subList(1, words.size() - 1), current);
    }

    private List<String> afterCommand(CommandSyntax syntax, List<String> before, String current) {
        Optional<Option> pending = Optional.empty();
        int positional = 0;
        boolean optionsEnded = false;
        for (String word : before) {
            if (pending.isPresent()) {
                pending = Optional.empty();
            } else if (optionsEnded || !word.startsWith("-") || word.equals("-")) {
                positional++;
            } else if (word.equals("--")) {
                optionsEnded = true;
            } else if (!word.contains("=")) {
                pending = named(syntax, word).filter(o -> o.value() != null);
            }
        }
        if (pending.isPresent()) {
            return value(pending.get(), "", current);
        }
        int eq = current.indexOf('=');
        if (!optionsEnded && current.startsWith("--") && eq > 0) {
            Optional<Option> inline = named(syntax, current.substring(0, eq)).filter(o -> o.value() != null);
            return inline.map(o -> value(o, current.substring(0, eq + 1), current.substring(eq + 1))).orElse(List.of());
        }
        if (!optionsEnded && current.startsWith("-")) {
            return matching(Stream.concat(syntax.options().stream().flatMap(o -> o.names().stream()),
                    Stream.of("--help")).toList(), current);
        }
        List<Argument> arguments = syntax.arguments();
        if (arguments.isEmpty()) {
            return List.of();
        }
        Argument argument = arguments.get(Math.min(positional, arguments.size() - 1));
        return positional >= arguments.size() && !argument.repeatable() ? List.of()
                : argument(syntax.name(), argument.label(), current);
    }

    private static Optional<Option> named(CommandSyntax syntax, String name) {
        return syntax.options().stream().filter(o -> o.names().contains(name)).findFirst();
    }

    private List<String> argument(String command, String label, String current) {
        return switch (label) {
            case "ID|PID" -> matching(shims(ACT_ON_RUNNING.contains(command), !current.isEmpty()
                    && current.chars().allMatch(Character::isDigit)), current);
            case "TYPE" -> matching(node.types().stream().map(ShimType::name).toList(), current);
            case "SIGNAL" -> matching(signals(current), current);
            default -> List.of();
        };
    }

    /** The table's ids (or pids), oldest first; the running ones first when {@code runningFirst}. */
    private List<String> shims(boolean runningFirst, boolean pids) {
        List<String> running = new ArrayList<>();
        List<String> others = new ArrayList<>();
        for (ShimRecord r : node.table()) {
            boolean live = r.supervision() != ShimRecord.Supervision.LOST && r.shim().pid() > 0 && r.shim().isRunning();
            if (!pids || r.shim().pid() > 0) {
                (live || !runningFirst ? running : others).add(pids ? Long.toString(r.shim().pid()) : r.shim().token());
            }
        }
        running.addAll(others);
        return running;
    }

    private static List<String> signals(String current) {
        boolean full = current.isEmpty() || current.toUpperCase(Locale.ROOT).startsWith("S");
        List<String> names = Signals.names();
        return full ? names : names.stream().map(n -> n.substring(3)).toList();
    }

    /** The value of {@code option}, after {@code head} (the {@code --option=} written with it). */
    private List<String> value(Option option, String head, String value) {
        List<String> values = switch (option.key()) {
            case "--new-ns" -> list(value, namespaceTypes());
            case "--enter-ns" -> enterNamespace(value);
            case "--console", "--log" -> paths(value);
            case "--config" -> value.startsWith("path=") ? prefixed("path=", paths(value.substring(5)))
                    : matching(List.of("path="), value);
            case "--format" -> matching(List.of("text", "json"), value);
            case "--cgroup" -> matching(List.of(io.shimhost.api.CgroupSpec.OWN_WORD), value);
            default -> List.of();
        };
        return prefixed(head, values);
    }

    private static List<String> namespaceTypes() {
        return Arrays.stream(NamespaceType.values()).map(NamespaceType::procName).sorted().toList();
    }

    /** An item of a comma-separated list: the items before it are kept. */
    private static List<String> list(String value, List<String> items) {
        int comma = value.lastIndexOf(',');
        return prefixed(value.substring(0, comma + 1), matching(items, value.substring(comma + 1)));
    }

    private List<String> enterNamespace(String value) {
        int comma = value.lastIndexOf(',');
        String done = value.substring(0, comma + 1);
        String item = value.substring(comma + 1);
        int eq = item.indexOf('=');
        if (eq < 0) {
            return prefixed(done, matching(namespaceTypes().stream().map(t -> t + "=").toList(), item));
        }
        String head = done + item.substring(0, eq + 1);
        String target = item.substring(eq + 1);
        if (target.isEmpty() || !target.startsWith("/")) {
            return prefixed(head, matching(List.of("/proc/", "/run/netns/", "pid:"), target));
        }
        return prefixed(head, paths(target));
    }

    /** Files and folders (with a trailing /) whose path starts with {@code partial}. */
    static List<String> paths(String partial) {
        int slash = partial.lastIndexOf('/');
        String folderPart = slash < 0 ? "" : partial.substring(0, slash + 1);
        String name = partial.substring(slash + 1);
        Path folder = Path.of(folderPart.isEmpty() ? "." : folderPart);
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.filter(p -> p.getFileName().toString().startsWith(name))
                    .map(p -> folderPart + p.getFileName() + (Files.isDirectory(p) ? "/" : ""))
                    .filter(p -> !name.isEmpty() || !p.substring(folderPart.length()).startsWith(".")).sorted().toList();
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    /** @return whether a candidate is a whole word, after which a space comes (see the class comment) */
    static boolean finished(String candidate) {
        return !(candidate.endsWith("/") || candidate.endsWith("=") || candidate.endsWith(",") || candidate.endsWith(":"));
    }

    private static List<String> matching(List<String> candidates, String prefix) {
        return candidates.stream().filter(c -> c.startsWith(prefix)).toList();
    }

    private static List<String> prefixed(String head, List<String> values) {
        return head.isEmpty() ? values : values.stream().map(v -> head + v).toList();
    }
}
