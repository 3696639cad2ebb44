package io.shimhost.shell.internal;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.shimhost.api.Identifiers;
import io.shimhost.api.InvalidParameterException;
import io.shimhost.api.NamespaceRef;
import io.shimhost.api.NamespaceType;
import io.shimhost.api.ShimParams;
import io.shimhost.api.ShimType;

/**
 * Parses the arguments of {@code shim:start}. Options take their value as the next argument or,
 * in the long form, after {@code =}; {@code --new-ns}, {@code --enter-ns} and {@code --config}
 * may be repeated. Every error names the option and the bad value.
 */
final class StartOptions {

    static final String USAGE = "shim:start [options] TYPE\n"
            + "Starts a shim of TYPE (see shim:types) and prints id=TOKEN pid=PID.\n"
            + "  -c, --container ID        container id\n"
            + "  -t, --token TOKEN         process token, the shim's id (default: a fresh UUID)\n"
            + "  -u, --url URL             agent URL\n"
            + "      --console PATH        console device: the shim's stdio and controlling terminal\n"
            + "      --console-url URL     agent console log socket (passed with debug)\n"
            + "      --terminal            the container process has a terminal\n"
            + "  -d, --detach              do not share the framework's stdio\n"
            + "      --log FILE            append the shim's stdout and stderr to FILE (absolute; detaches it)\n"
            + "      --pid PID             pid of the container process\n"
            + "      --new-ns TYPE[,TYPE]  create namespaces: cgroup, ipc, mnt, net, pid, time, uts\n"
            + "      --enter-ns TYPE=PATH|TYPE=pid:PID[,...]  enter existing namespaces (repeatable)\n"
            + "      --config KEY=VALUE    per-start shim config, e.g. path=/usr/bin/kata-shim (repeatable)\n"
            + "      --env NAME=VALUE      an environment variable of the shim's (repeatable)\n"
            + "      --sandbox ID          sandbox id (default: the container id, or \"shell\")\n"
            + "      --format FORMAT       text (id=TOKEN pid=PID) or json (the shim, as shim:ps shows it)\n"
            + "  -h, --help                print this help";

    private enum Option {
        CONTAINER(true, "-c", "--container"),
        TOKEN(true, "-t", "--token"),
        URL(true, "-u", "--url"),
        CONSOLE(true, "--console"),
        CONSOLE_URL(true, "--console-url"),
        TERMINAL(false, "--terminal"),
        DETACH(false, "-d", "--detach"),
        LOG(true, "--log"),
        PID(true, "--pid"),
        NEW_NS(true, "--new-ns"),
        ENTER_NS(true, "--enter-ns"),
        CONFIG(true, "--config"),
        ENV(true, "--env"),
        SANDBOX(true, "--sandbox"),
        FORMAT(true, Format.OPTION),
        HELP(false, "-h", "--help");

        final boolean takesValue;
        final List<String> names;

        Option(boolean takesValue, String... names) {
            this.takesValue = takesValue;
            this.names = List.of(names);
        }

        static Optional<Option> named(String name) {
            return Arrays.stream(values()).filter(o -> o.names.contains(name)).findFirst();
        }
    }

    private final ShimParams.Builder params = ShimParams.builder();
    private final Map<String, Object> config = new LinkedHashMap<>();
    private final Set<NamespaceType> created = EnumSet.noneOf(NamespaceType.class);
    private String type;
    private String sandbox;
    private Format format = Format.TEXT;
    private boolean help;

    private StartOptions() {
    }

    static StartRequest parse(List<String> args) throws InvalidParameterException {
        StartOptions options = new StartOptions();
        options.read(args);
        return options.request();
    }

    private void read(List<String> args) throws InvalidParameterException {
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("-") || arg.equals("-")) {
                positional(arg);
                continue;
            }
            int eq = arg.startsWith("--") ? arg.indexOf('=') : -1;
            String name = eq < 0 ? arg : arg.substring(0, eq);
            Option option = Option.named(name).orElseThrow(() -> new InvalidParameterException(name, null,
                    "Unknown option " + name + " for shim:start; see shim:start --help"));
            String value = null;
            if (option.takesValue) {
                if (eq >= 0) {
                    value = arg.substring(eq + 1);
                } else if (i + 1 < args.size()) {
                    value = args.get(++i);
                } else {
                    throw new InvalidParameterException(name, null, "Option " + name + " needs a value");
                }
            } else if (eq >= 0) {
                throw new InvalidParameterException(name, arg.substring(eq + 1), "Option " + name + " takes no value");
            }
            apply(option, name, value);
        }
    }

    private void positional(String arg) throws InvalidParameterException {
        if (type != null) {
            throw new InvalidParameterException("TYPE", arg, "shim:start takes one shim type, got \"" + type
                    + "\" and \"" + arg + "\"");
        }
        type = arg;
    }

    private void apply(Option option, String name, String value) throws InvalidParameterException {
        switch (option) {
            case CONTAINER -> params.container(Identifiers.check("container", value));
            case TOKEN -> params.token(Identifiers.check("token", nonEmpty(name, value)));
            case URL -> params.url(value);
            case CONSOLE -> params.console(Path.of(nonEmpty(name, value)));
            case CONSOLE_URL -> params.consoleUrl(value);
            case TERMINAL -> params.terminal(true);
            case DETACH -> params.detach(true);
            case LOG -> params.outputLog(Path.of(nonEmpty(name, value))).detach(true);
            case PID -> params.pid(pid(name, value));
            case NEW_NS -> newNamespaces(name, value);
            case ENTER_NS -> enterNamespaces(name, value);
            case CONFIG -> config(name, value);
            case ENV -> environment(name, value);
            case SANDBOX -> sandbox = Identifiers.check("sandbox id", nonEmpty(name, value));
            case FORMAT -> format = Format.parse(value);
            case HELP -> help = true;
            default -> throw new IllegalStateException("unhandled option " + option);
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

    private StartRequest request() throws InvalidParameterException {
        if (help) {
            return StartRequest.helpOnly();
        }
        if (type == null) {
            throw new InvalidParameterException("TYPE", null, "shim:start needs a shim type, e.g. shim:start "
                    + ShimType.NOOP + "; see shim:types");
        }
        ShimParams built = params.build();
        String sandboxId = sandbox != null ? sandbox : built.container().isEmpty() ? "shell" : built.container();
        return new StartRequest(ShimType.parse(type), sandboxId, built, Map.copyOf(config), format, false);
    }
}
