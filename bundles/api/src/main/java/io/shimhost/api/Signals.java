package io.shimhost.api;

import java.util.List;
import java.util.Locale;

/**
 * Linux signal names and numbers, the one vocabulary of shimhost: the shell reads a signal as
 * {@code TERM}, {@code SIGTERM} or {@code 15}, and every message shows {@code SIGTERM}.
 */
public final class Signals {

    private static final List<String> NAMES = List.of("HUP", "INT", "QUIT", "ILL", "TRAP", "ABRT", "BUS", "FPE",
            "KILL", "USR1", "SEGV", "USR2", "PIPE", "ALRM", "TERM", "STKFLT", "CHLD", "CONT", "STOP", "TSTP", "TTIN",
            "TTOU", "URG", "XCPU", "XFSZ", "VTALRM", "PROF", "WINCH", "IO", "PWR", "SYS");
    /** The highest signal number on Linux (SIGRTMAX). */
    public static final int HIGHEST = 64;

    /** @return the names of the signals 1 to 31, {@code SIGHUP} first, as {@link #name(int)} gives them */
    public static List<String> names() {
        return NAMES.stream().map(n -> "SIG" + n).toList();
    }

    private Signals() {
    }

    /**
     * @param text a name with or without {@code SIG} (any case), or a number from 1 to 64
     * @return the signal's number
     * @throws InvalidParameterException naming the text, if it is no signal
     */
    public static int parse(String text) throws InvalidParameterException {
        if (text != null && text.matches("\\d{1,2}")) {
            int number = Integer.parseInt(text);
            if (number >= 1 && number <= HIGHEST) {
                return number;
            }
        } else if (text != null) {
            String name = text.toUpperCase(Locale.ROOT);
            int index = NAMES.indexOf(name.startsWith("SIG") ? name.substring(3) : name);
            if (index >= 0) {
                return index + 1;
            }
        }
        throw new InvalidParameterException("SIGNAL", text, "Unknown signal \"" + text
                + "\": give a name such as TERM or SIGTERM, or a number from 1 to " + HIGHEST);
    }

    /**
     * @param number a signal number
     * @return its name, such as {@code SIGTERM}, or {@code signal N} for a number without one
     */
    public static String name(int number) {
        return number >= 1 && number <= NAMES.size() ? "SIG" + NAMES.get(number - 1) : "signal " + number;
    }
}
