package io.shimhost.api.registry;

import java.time.Duration;

import io.shimhost.api.Identifiers;
import io.shimhost.api.InvalidParameterException;

/**
 * A wait's or a graceful stop's limit as a client gives it: seconds, fractions allowed, from 0 to
 * {@value #MAX_SECONDS}.
 */
public final class Timeout {

    /** The longest limit, a day. */
    public static final long MAX_SECONDS = 86_400;

    private Timeout() {
    }

    /**
     * @param parameter the option or field it came in ({@code --timeout}), for the exception
     * @param text the seconds as given
     * @return the limit
     * @throws InvalidParameterException naming the value, if it is no number of seconds in range
     */
    public static Duration seconds(String parameter, String text) throws InvalidParameterException {
        try {
            double value = Double.parseDouble(text);
            if (value >= 0 && value <= MAX_SECONDS) {
                return Duration.ofMillis(Math.round(value * 1000));
            }
        } catch (NumberFormatException | NullPointerException e) {
            // refused below
        }
        throw new InvalidParameterException(parameter, text, "Invalid timeout \"" + Identifiers.shown(text)
                + "\": give seconds, from 0 to " + MAX_SECONDS);
    }
}
