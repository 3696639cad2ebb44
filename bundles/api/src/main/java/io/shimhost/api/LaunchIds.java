package io.shimhost.api;

import java.util.regex.Pattern;

/** What a launch id may be: it travels in an environment variable and a table row. */
final class LaunchIds {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9-]{0,64}");

    private LaunchIds() {
    }

    static String check(String launchId) throws InvalidParameterException {
        if (launchId == null || !ID.matcher(launchId).matches()) {
            throw new InvalidParameterException("launch id", launchId, "Invalid launch id \""
                    + Identifiers.shown(launchId) + "\": letters, digits and '-', 64 at most");
        }
        return launchId;
    }
}
