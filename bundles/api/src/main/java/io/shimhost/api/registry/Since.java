package io.shimhost.api.registry;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.shimhost.api.Identifiers;
import io.shimhost.api.InvalidParameterException;

/**
 * A {@code since} value, for {@link ShimEventHistory#since}: a time in ISO-8601 UTC, or how long
 * ago, as {@code docker events --since} takes it.
 */
public final class Since {

    private static final Pattern AGO = Pattern.compile("(\\d{1,9})([smhd])");

    private Since() {
    }

    /**
     * @param name the option or field the value came in, for the message ({@code --since})
     * @param text the value: {@code 2026-12-07T15:00:00Z}, or {@code 30s}, {@code 10m}, {@code 2h}, {@code 1d}
     * @param now the time the relative forms count back from
     * @return the time
     * @throws InvalidParameterException naming the option and the value, if it is neither form
     */
    public static Instant parse(String name, String text, Instant now) throws InvalidParameterException {
        Matcher ago = AGO.matcher(text == null ? "" : text);
        if (ago.matches()) {
            long amount = Long.parseLong(ago.group(1));
            Duration back = switch (ago.group(2)) {
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            };
            return now.minus(back);
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException | NullPointerException e) {
            throw new InvalidParameterException(name, text, "Invalid " + name + " \"" + Identifiers.shown(text)
                    + "\": give a time, such as 2026-12-07T15:00:00Z, or how long ago: 30s, 10m, 2h, 1d");
        }
    }
}
