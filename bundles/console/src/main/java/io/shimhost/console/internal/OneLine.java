package io.shimhost.console.internal;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.UndeclaredThrowableException;

/**
 * A failure as the one line an operator reads: the message of the failure itself, not of the
 * reflection or component machinery that carried it out, on one line.
 */
final class OneLine {

    private static final String QUALIFIED_EXCEPTION = "^(?:[a-z_$][\\w$]*\\.)+[A-Z][\\w$]*(?:Exception|Error): ";

    private static final java.util.Set<String> WRAPPERS = java.util.Set.of(InvocationTargetException.class.getName(),
            UndeclaredThrowableException.class.getName(), "org.osgi.service.component.ComponentException");

    private OneLine() {
    }

    static String of(Throwable failure) {
        Throwable cause = innermost(failure);
        String message = cause.getMessage();
        String text = message == null || message.isBlank() ? cause.getClass().getSimpleName()
                : message(message);
        return cause instanceof RuntimeException || cause instanceof Error
                ? cause.getClass().getSimpleName() + ": " + text : text;
    }

    /**
     * A message on one line, without the class name that a wrapper's message repeats when it was
     * made from its cause ({@code io.shimhost.api.InvalidParameterException: Invalid ...}).
     */
    static String message(String message) {
        return bounded(message.strip().replaceAll("\\s*\\R\\s*", " ").replaceFirst(QUALIFIED_EXCEPTION, ""));
    }

    /** The longest line shown: an error that quotes what it was given must not echo megabytes of it. */
    static final int MAX_CHARS = 400;

    /** Control characters shown as {@code \xNN}, and no more than {@link #MAX_CHARS} of the text. */
    static String bounded(String text) {
        StringBuilder line = new StringBuilder(Math.min(text.length(), MAX_CHARS) + 32);
        for (int i = 0; i < text.length() && line.length() < MAX_CHARS; i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                line.append(String.format("\\x%02x", (int) c));
            } else {
                line.append(c);
            }
        }
        if (line.length() >= MAX_CHARS && text.length() > MAX_CHARS) {
            line.setLength(MAX_CHARS);
            line.append("... (").append(text.length() - MAX_CHARS).append(" more characters)");
        }
        return line.toString();
    }

    /** Follows causes through wrappers (reflection, SCR's ComponentException) to the one that says what went wrong. */
    static Throwable innermost(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause && (wrapper(cause) || cause.getMessage() == null
                || cause.getMessage().equals(cause.getCause().toString()))) {
            cause = cause.getCause();
        }
        return cause;
    }

    /**
     * Felix Log hands on copies of what was logged ({@code LogException}) whose message starts with
     * the original's class name, so wrappers are known by that name.
     */
    private static boolean wrapper(Throwable t) {
        String name = t.getClass().getName().equals("org.apache.felix.log.LogException") && t.getMessage() != null
                ? t.getMessage().replaceFirst(":.*", "") : t.getClass().getName();
        return WRAPPERS.contains(name);
    }
}
