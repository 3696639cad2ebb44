package io.shimhost.console.internal;

import java.util.function.UnaryOperator;

/**
 * The control socket's bounds, from framework (or system) properties: how many connections it
 * holds at once, how many of their commands run at once (a following {@code shim:events} or
 * {@code shim:logs -f} counts while it runs), and how long a command line may be.
 *
 * @param connections connections held at once; the one over is refused in one line
 * @param commands commands running at once, one worker thread each; the one over is refused in one line
 * @param lineBytes the longest command line, in bytes; a longer one is refused and its connection closed
 */
record ControlLimits(int connections, int commands, int lineBytes) {

    static final String CONNECTIONS_PROPERTY = "shimhost.control.connections";
    static final String COMMANDS_PROPERTY = "shimhost.control.commands";
    static final String LINE_PROPERTY = "shimhost.control.line";

    static final ControlLimits DEFAULT = new ControlLimits(4096, 64, 65536);

    ControlLimits {
        positive(CONNECTIONS_PROPERTY, connections);
        positive(COMMANDS_PROPERTY, commands);
        positive(LINE_PROPERTY, lineBytes);
    }

    /**
     * @param property the framework's properties by name
     * @throws IllegalArgumentException naming the property and its bad value
     */
    static ControlLimits of(UnaryOperator<String> property) {
        return new ControlLimits(value(property, CONNECTIONS_PROPERTY, DEFAULT.connections),
                value(property, COMMANDS_PROPERTY, DEFAULT.commands), value(property, LINE_PROPERTY, DEFAULT.lineBytes));
    }

    private static int value(UnaryOperator<String> property, String name, int fallback) {
        String text = property.apply(name);
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " \"" + text + "\" is not a whole number", e);
        }
    }

    private static void positive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " " + value + " must be 1 or more");
        }
    }
}
