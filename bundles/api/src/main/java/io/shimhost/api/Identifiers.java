package io.shimhost.api;

import java.nio.charset.StandardCharsets;

/**
 * The rule for the ids an operator gives (shim token, container id, sandbox id): they end up in
 * table rows, log lines and shell output, so they hold no control character (C0, DEL or C1) and at
 * most {@value #MAX_BYTES} bytes of UTF-8; a newline in a token would split a row of
 * {@code shim:ps} and forge a log line.
 */
public final class Identifiers {

    /** The longest id, in bytes of UTF-8. */
    public static final int MAX_BYTES = 256;
    /** How much of a bad value a message shows. */
    private static final int SHOWN = 64;

    private Identifiers() {
    }

    /**
     * Checks an id.
     *
     * @param field what the id is, e.g. {@code token}, for the message
     * @param value the id; empty is allowed (each caller says whether it needs one)
     * @return the id
     * @throws InvalidParameterException naming the field and showing a bounded, escaped prefix of the value
     */
    public static String check(String field, String value) throws InvalidParameterException {
        if (value == null) {
            return null;
        }
        if (value.codePoints().anyMatch(Identifiers::control)) {
            throw new InvalidParameterException(field, value, "Invalid " + field + " \"" + shown(value)
                    + "\": control characters (such as a newline) are not allowed");
        }
        int bytes = value.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_BYTES) {
            throw new InvalidParameterException(field, value, "Invalid " + field + " \"" + shown(value) + "\": "
                    + bytes + " bytes, more than the " + MAX_BYTES + " an id may have");
        }
        return value;
    }

    /**
     * Shows a value that may be hostile: at most 64 characters, control characters escaped.
     *
     * @param value any text, may be null
     * @return what a one-line message can show of it
     */
    public static String shown(String value) {
        return shown(value, SHOWN);
    }

    /**
     * Shows a value that may be hostile: at most {@code limit} characters, control characters escaped.
     *
     * @param value any text, may be null
     * @param limit how many characters to show at most
     * @return what a one-line message can show of it
     */
    public static String shown(String value, int limit) {
        if (value == null) {
            return "null";
        }
        StringBuilder text = new StringBuilder();
        value.codePoints().limit(limit).forEach(c -> {
            if (control(c)) {
                text.append(String.format("\\u%04x", c));
            } else {
                text.appendCodePoint(c);
            }
        });
        return value.codePointCount(0, value.length()) > limit ? text + "…" : text.toString();
    }

    private static boolean control(int c) {
        return c < 0x20 || (c >= 0x7f && c <= 0x9f);
    }
}
