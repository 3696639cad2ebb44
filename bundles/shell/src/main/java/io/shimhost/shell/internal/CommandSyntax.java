package io.shimhost.shell.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.shimhost.api.Identifiers;
import io.shimhost.api.InvalidParameterException;

/**
 * What a {@code shim} command accepts, declared once: its options and arguments give the parser,
 * the one-line usage that every error ends with, and the {@code --help} text. Options take their
 * value as the next argument or after {@code =} in the long form; {@code --} ends the options;
 * {@code -h} and {@code --help} are always there.
 *
 * @param name the function name, e.g. {@code wait}
 * @param description what the command does, one sentence
 * @param options the options
 * @param arguments the arguments, in order; only the last may be repeatable
 */
record CommandSyntax(String name, String description, List<Option> options, List<Argument> arguments) {

    /**
     * @param names the option's names, short first ({@code -t}, {@code --timeout})
     * @param value the label of its value, or null for a flag
     * @param fallback the value when absent, or null
     * @param description what it does
     * @param repeatable whether it may be given more than once, each value kept
     */
    record Option(List<String> names, String value, String fallback, String description, boolean repeatable) {

        /** @return the name it is known by in {@link Parsed}: its last (long) name */
        String key() {
            return names.get(names.size() - 1);
        }
    }

    /**
     * @param label how the usage names it, e.g. {@code ID|PID}
     * @param required whether it must be given
     * @param repeatable whether it may be given more than once (the last argument only)
     * @param description what it is
     */
    record Argument(String label, boolean required, boolean repeatable, String description) {
    }

    /** What a command line said: option values by the option's long name, in order, then the arguments. */
    record Parsed(Map<String, List<String>> options, List<String> arguments, boolean help) {

        /** @return the option's (last) value, or null when absent */
        String option(String name) {
            List<String> values = options.get(name);
            return values == null ? null : values.get(values.size() - 1);
        }

        /** @return every value given to a repeatable option, in order */
        List<String> values(String name) {
            return options.getOrDefault(name, List.of());
        }

        boolean flag(String name) {
            return options.containsKey(name);
        }

        String argument(int index) {
            return index < arguments.size() ? arguments.get(index) : null;
        }
    }

    /** How many options a usage line spells out; more make it too long to read as one line. */
    static final int SPELLED_OUT = 3;

    CommandSyntax {
        options = List.copyOf(options);
        arguments = List.copyOf(arguments);
    }

    static Option option(String shortName, String longName, String value, String fallback, String description) {
        return new Option(shortName == null ? List.of(longName) : List.of(shortName, longName), value, fallback,
                description, false);
    }

    static Option repeatable(String longName, String value, String description) {
        return new Option(List.of(longName), value, null, description, true);
    }

    static Argument argument(String label, String description) {
        return new Argument(label, true, false, description);
    }

    /**
     * Reads a command line as Gogo hands it over: an unset variable ({@code $nothing}) arrives as
     * null and is read as an empty value.
     *
     * @throws InvalidParameterException naming what is wrong, followed by the usage
     */
    /** A negative number is a value (the pid -1 of a built-in shim), never an option. */
    private static final java.util.regex.Pattern NEGATIVE_NUMBER = java.util.regex.Pattern.compile("-[0-9]+");

    Parsed parse(List<?> raw) throws InvalidParameterException {
        List<String> args = raw.stream().map(a -> a == null ? "" : String.valueOf(a)).toList();
        Map<String, List<String>> values = new HashMap<>();
        List<String> positional = new ArrayList<>();
        boolean optionsEnded = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (optionsEnded || !arg.startsWith("-") || arg.equals("-") || NEGATIVE_NUMBER.matcher(arg).matches()) {
                positional.add(arg);
            } else if (arg.equals("--")) {
                optionsEnded = true;
            } else if (arg.equals("-h") || arg.equals("--help")) {
                return new Parsed(Map.of(), List.of(), true);
            } else {
                i = readOption(args, i, values);
            }
        }
        checkArity(positional);
        for (Option o : options) {
            if (o.fallback() != null) {
                values.putIfAbsent(o.key(), List.of(o.fallback()));
            }
        }
        return new Parsed(values, positional, false);
    }

    private int readOption(List<String> args, int i, Map<String, List<String>> values) throws InvalidParameterException {
        String arg = args.get(i);
        int eq = arg.startsWith("--") ? arg.indexOf('=') : -1;
        String name = eq < 0 ? arg : arg.substring(0, eq);
        Option option = named(name).orElseThrow(() -> error(name, "Unknown option " + Identifiers.shown(name)));
        if (option.value() == null) {
            if (eq >= 0) {
                throw error(name, "Option " + name + " takes no value");
            }
            values.put(option.key(), List.of("true"));
            return i;
        }
        if (eq >= 0) {
            put(values, option, arg.substring(eq + 1));
            return i;
        }
        if (i + 1 >= args.size()) {
            throw error(name, "Option " + name + " needs a value (" + option.value() + ")");
        }
        put(values, option, args.get(i + 1));
        return i + 1;
    }

    /** A repeatable option keeps every value; another keeps the last one given. */
    private static void put(Map<String, List<String>> values, Option option, String value) {
        if (option.repeatable()) {
            values.computeIfAbsent(option.key(), k -> new ArrayList<>()).add(value);
        } else {
            values.put(option.key(), List.of(value));
        }
    }

    private void checkArity(List<String> positional) throws InvalidParameterException {
        long required = arguments.stream().filter(Argument::required).count();
        boolean repeatable = !arguments.isEmpty() && arguments.get(arguments.size() - 1).repeatable();
        if (positional.size() < required) {
            Argument missing = arguments.get(positional.size());
            throw error(missing.label(), "Missing " + missing.label());
        }
        if (!repeatable && positional.size() > arguments.size()) {
            String extra = positional.get(arguments.size());
            throw error("arguments", arguments.isEmpty() ? "No argument expected, got \"" + Identifiers.shown(extra)
                    + "\"" : "Too many arguments: \"" + Identifiers.shown(extra) + "\" is one more than "
                            + arguments.size());
        }
    }

    private Optional<Option> named(String name) {
        return options.stream().filter(o -> o.names().contains(name)).findFirst();
    }

    private InvalidParameterException error(String parameter, String problem) {
        return new InvalidParameterException(parameter, null, problem + "; usage: " + usage());
    }

    /**
     * @return the one-line usage, e.g. {@code shim:wait [-t SECONDS] ID|PID}; a command with more
     *         than {@value #SPELLED_OUT} options says {@code [options]}, which its help lists
     */
    String usage() {
        StringBuilder usage = new StringBuilder("shim:").append(name);
        if (options.size() > SPELLED_OUT) {
            usage.append(" [options]");
        } else {
            for (Option o : options) {
                usage.append(" [").append(o.names().get(0)).append(o.value() == null ? "" : " " + o.value()).append(']')
                        .append(o.repeatable() ? "..." : "");
            }
        }
        for (Argument a : arguments) {
            String label = a.label() + (a.repeatable() ? " ..." : "");
            usage.append(' ').append(a.required() ? label : "[" + label + "]");
        }
        return usage.toString();
    }

    /** @return the {@code --help} text: description, usage, arguments and options */
    String help() {
        StringBuilder help = new StringBuilder(description).append("\nusage: ").append(usage());
        if (!arguments.isEmpty()) {
            help.append("\narguments:");
            arguments.forEach(a -> help.append(String.format("%n  %-22s %s", a.label(), a.description())));
        }
        help.append("\noptions:");
        for (Option o : options) {
            String names = String.join(", ", o.names()) + (o.value() == null ? "" : " " + o.value());
            help.append(String.format("%n  %-22s %s%s%s", names, o.description(),
                    o.fallback() == null ? "" : " (default " + o.fallback() + ")", o.repeatable() ? " (repeatable)" : ""));
        }
        help.append(String.format("%n  %-22s %s", "-h, --help", "print this help"));
        return help.toString();
    }
}
