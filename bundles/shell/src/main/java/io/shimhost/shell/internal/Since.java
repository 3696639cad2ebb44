package io.shimhost.shell.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.shimhost.api.InvalidParameterException;

/** A {@code --since} value: a time in ISO-8601 UTC, or how long ago, as {@code docker events --since} takes it. */
final class Since {

    private static final Pattern AGO = Pattern.compile("(\\d{1,9})([smhd])");

    private Since() {
    }

    static Instant parse(String text, Instant now) throws InvalidParameterException {
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
            throw new InvalidParameterException("--since", text, "Invalid --since \"" + text
                    + "\": give a time, such as 2026-12-07T15:00:00Z, or how long ago: 30s, 10m, 2h, 1d");
        }
    }
}
