package io.shimhost.shell.internal;

import io.shimhost.api.InvalidParameterException;

/** How a command prints what it shows: aligned text for people, or JSON for scripts ({@code --format}). */
enum Format {
    TEXT, JSON;

    static final String OPTION = "--format";

    static Format parse(String value) throws InvalidParameterException {
        return switch (value == null ? "text" : value) {
            case "text" -> TEXT;
            case "json" -> JSON;
            default -> throw new InvalidParameterException(OPTION, value, "Invalid " + OPTION + " \""
                    + io.shimhost.api.Identifiers.shown(value) + "\": give text or json");
        };
    }

    /** The {@code --format} option of a command's syntax. */
    static CommandSyntax.Option option() {
        return CommandSyntax.option(null, OPTION, "FORMAT", "text", "text or json");
    }
}
