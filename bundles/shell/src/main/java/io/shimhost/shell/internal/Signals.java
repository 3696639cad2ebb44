package io.shimhost.shell.internal;

import java.util.List;
import java.util.Locale;

import io.shimhost.api.InvalidParameterException;

/** Signal names as the shell accepts them: TERM, SIGTERM or 15 (Linux numbering). */
final class Signals {

    private static final List<String> NAMES = List.of("HUP", "INT", "QUIT", "ILL", "TRAP", "ABRT", "BUS", "FPE",
            "KILL", "USR1", "SEGV", "USR2", "PIPE", "ALRM", "TERM", "STKFLT", "CHLD", "CONT", "STOP", "TSTP", "TTIN",
            "TTOU", "URG", "XCPU", "XFSZ", "VTALRM", "PROF", "WINCH", "IO", "PWR", "SYS");
    private static final int HIGHEST = 64;

    private Signals() {
    }

    static int parse(String text) throws InvalidParameterException {
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

    static String name(int number) {
        return number >= 1 && number <= NAMES.size() ? "SIG" + NAMES.get(number - 1) : "signal " + number;
    }
}
