package io.shimhost.api;

import java.util.regex.Pattern;

/** What a process's environment variable may be: a portable name, a value without NUL or line breaks. */
final class EnvironmentVariables {

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");
    private static final int MAX_VALUE = 4096;

    private EnvironmentVariables() {
    }

    static void checkName(String name) throws InvalidParameterException {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new InvalidParameterException("environment", name, "Invalid environment variable name \""
                    + Identifiers.shown(name) + "\": a name is a letter or _, then letters, digits or _ (128 at most)");
        }
    }

    static void check(String name, String value) throws InvalidParameterException {
        checkName(name);
        if (value == null || value.length() > MAX_VALUE || value.chars().anyMatch(c -> c == 0 || c == '\n' || c == '\r')) {
            throw new InvalidParameterException(name, value, "Invalid value for environment variable " + name
                    + ": at most " + MAX_VALUE + " characters, no NUL and no line break");
        }
    }
}
