package io.shimhost.shell.internal;

import io.shimhost.shell.internal.CommandSyntax.Parsed;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.shimhost.api.Identifiers;
import io.shimhost.api.InvalidParameterException;
import io.shimhost.api.NamespaceRef;
import io.shimhost.api.NamespaceType;
import io.shimhost.api.ResourceLimits;
import io.shimhost.api.ShimParams;
import io.shimhost.api.ShimType;

/**
 * What {@code shim:start} accepts, declared once in {@link #SYNTAX} (parser, usage, help and
 * completion), and how each option's values reach the start's parameters. {@code --new-ns},
 * {@code --enter-ns}, {@code --config} and {@code --env} may be repeated. Every error names the
 * option and the bad value.
 */
final class StartOptions {

    static final CommandSyntax SYNTAX = new CommandSyntax("start",
            "start a shim of TYPE (see shim:types) and print id=TOKEN pid=PID",
            List.of(CommandSyntax.option("-c", "--container", "ID", null, "container id"),
                    CommandSyntax.option("-t", "--token", "TOKEN", null, "process token, the shim's id (default: a fresh UUID)"),
                    CommandSyntax.option("-u", "--url", "URL", null, "agent URL"),
                    CommandSyntax.option(null, "--console", "PATH", null, "console device: the shim's stdio and controlling terminal"),
                    CommandSyntax.option(null, "--console-url", "URL", null, "agent console log socket (passed with debug)"),
                    CommandSyntax.option(null, "--terminal", null, null, "the container process has a terminal"),
                    CommandSyntax.option("-d", "--detach", null, null, "do not share the framework's stdio"),
                    CommandSyntax.option(null, "--log", "FILE", null, "append the shim's stdout and stderr to FILE (absolute; detaches it)"),
                    CommandSyntax.option(null, "--pid", "PID", null, "pid of the container process"),
                    CommandSyntax.option(null, "--cgroup", "own|PATH", null, "a cgroup of the shim's own, or an existing cgroup to join (default: the type's cgroup key)"),
                    CommandSyntax.option(null, "--memory", "SIZE", null, "memory limit of the shim's own cgroup: bytes, or with K, M, G, T (implies --cgroup own)"),
                    CommandSyntax.option(null, "--pids", "N", null, "most processes and threads in the shim's own cgroup (implies --cgroup own)"),
                    CommandSyntax.option(null, "--cpu-weight", "N", null, "CPU weight of the shim's own cgroup, 1 to 10000 (implies --cgroup own)"),
                    CommandSyntax.repeatable("--new-ns", "TYPE[,TYPE]", "create namespaces: cgroup, ipc, mnt, net, pid, time, uts"),
                    CommandSyntax.repeatable("--enter-ns", "TYPE=PATH|TYPE=pid:PID[,...]", "enter existing namespaces"),
                    CommandSyntax.repeatable("--config", "KEY=VALUE", "per-start shim config, e.g. path=/usr/bin/kata-shim"),
                    CommandSyntax.repeatable("--env", "NAME=VALUE", "an environment variable of the shim's"),
                    CommandSyntax.option(null, "--sandbox", "ID", null, "sandbox id (default: the container id, or \"shell\")"),
                    CommandSyntax.option(null, "--dry-run", null, null, "start nothing: print what the start would do (type, configuration, argv, environment, stdio, session, namespaces), refusing what it would refuse"),
                    CommandSyntax.option(null, Format.OPTION, "FORMAT", "text", "text (id=TOKEN pid=PID) or json (the shim, as shim:ps shows it; with --dry-run, the plan)")),
            List.of(CommandSyntax.argument("TYPE", "the shim type, see shim:types")));

    private final ShimParams.Builder params = ShimParams.builder();
    private final Map<String, Object> config = new LinkedHashMap<>();
    private final Set<NamespaceType> created = EnumSet.noneOf(NamespaceType.class);

    private StartOptions() {
    }

    static StartRequest parse(List<String> args) throws InvalidParameterException {
        return request(SYNTAX.parse(args));
    }

    static StartRequest request(Parsed line) throws InvalidParameterException {
        if (line.help()) {
            return StartRequest.helpOnly();
        }
        StartOptions options = new StartOptions();
        options.read(line);
        ShimParams built = options.params.build();
        String sandbox = line.option("--sandbox");
        String sandboxId = sandbox != null ? Identifiers.check("sandbox id", nonEmpty("--sandbox", sandbox))
                : built.container().isEmpty() ? "shell" : built.container();
        return new StartRequest(ShimType.parse(line.argument(0)), sandboxId, built, Map.copyOf(options.config),
                Format.parse(line.option(Format.OPTION)), line.flag("--dry-run"), false);
    }

    private void read(Parsed line) throws InvalidParameterException {
        String container = line.option("--container");
        if (container != null) {
            params.container(Identifiers.check("container", container));
        }
        String token = line.option("--token");
        if (token != null) {
            params.token(Identifiers.check("token", nonEmpty("--token", token)));
        }
        params.url(line.option("--url")).consoleUrl(line.option("--console-url"))
                .terminal(line.flag("--terminal")).detach(line.flag("--detach"));
        String console = line.option("--console");
        if (console != null) {
            params.console(Path.of(nonEmpty("--console", console)));
        }
        String log = line.option("--log");
        if (log != null) {
            params.outputLog(Path.of(nonEmpty("--log", log))).detach(true);
        }
        String pid = line.option("--pid");
        if (pid != null) {
            params.pid(pid("--pid", pid));
        }
        params.cgroup(line.option("--cgroup")).limits(new ResourceLimits(
                ResourceLimits.parseMemory("--memory", line.option("--memory")),
                ResourceLimits.parsePids("--pids", line.option("--pids")),
                ResourceLimits.parseCpuWeight("--cpu-weight", line.option("--cpu-weight"))));
        for (String value : line.values("--new-ns")) {
            newNamespaces("--new-ns", value);
        }
        for (String value : line.values("--enter-ns")) {
            enterNamespaces("--enter-ns", value);
        }
        for (String value : line.values("--config")) {
            config("--config", value);
        }
        for (String value : line.values("--env")) {
            environment("--env", value);
        }
    }

    private void newNamespaces(String name, String value) throws InvalidParameterException {
        for (String item : items(name, value)) {
            NamespaceType type = NamespaceType.parse(item);
            if (!created.add(type)) {
                throw new InvalidParameterException(name, value, "Invalid " + name + " \"" + value + "\": " + type
                        + " is given twice");
            }
            params.createNamespace(type);
        }
    }

    private void environment(String name, String value) throws InvalidParameterException {
        int eq = value.indexOf('=');
        if (eq <= 0) {
            throw new InvalidParameterException(name, value, "Invalid " + name + " \"" + Identifiers.shown(value)
                    + "\": expected NAME=VALUE");
        }
        params.environment(value.substring(0, eq), value.substring(eq + 1));
    }

    private void enterNamespaces(String name, String value) throws InvalidParameterException {
        for (String item : items(name, value)) {
            int eq = item.indexOf('=');
            if (eq <= 0) {
                throw new InvalidParameterException(name, item, "Invalid " + name + " \"" + item
                        + "\": expected TYPE=PATH or TYPE=pid:PID");
            }
            NamespaceType ns = NamespaceType.parse(item.substring(0, eq));
            String target = item.substring(eq + 1);
            params.enterNamespace(target.startsWith("pid:")
                    ? NamespaceRef.ofPid(ns, pid(name, target.substring(4)))
                    : NamespaceRef.ofPath(ns, Path.of(target)));
        }
    }

    private void config(String name, String value) throws InvalidParameterException {
        int eq = value.indexOf('=');
        if (eq <= 0) {
            throw new InvalidParameterException(name, value, "Invalid " + name + " \"" + value
                    + "\": expected KEY=VALUE");
        }
        config.put(value.substring(0, eq), value.substring(eq + 1));
    }

    private static List<String> items(String name, String value) throws InvalidParameterException {
        List<String> items = Arrays.stream(value.split(",", -1)).map(String::trim).toList();
        if (items.contains("")) {
            throw new InvalidParameterException(name, value, "Invalid " + name + " \"" + value
                    + "\": an empty item");
        }
        return items;
    }

    private static long pid(String name, String value) throws InvalidParameterException {
        try {
            long pid = Long.parseLong(value);
            if (pid >= 0) {
                return pid;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidParameterException(name, value, "Invalid pid \"" + value + "\" for " + name
                + ": a pid is a whole number, 0 or more");
    }

    private static String nonEmpty(String name, String value) throws InvalidParameterException {
        if (value.isEmpty()) {
            throw new InvalidParameterException(name, value, "Option " + name + " cannot be empty");
        }
        return value;
    }
}
