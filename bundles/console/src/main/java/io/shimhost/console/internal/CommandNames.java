package io.shimhost.console.internal;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * The commands closest to one that does not exist, for the one line that says so: by edit distance
 * of the name without its scope, at most two edits, nearest first; in the scope given, if one was.
 */
final class CommandNames {

    private static final int MAX_DISTANCE = 2;
    private static final int MAX_SUGGESTIONS = 3;

    private CommandNames() {
    }

    /** @param known the session's commands, {@code scope:name} */
    static List<String> closest(String wanted, Collection<String> known) {
        String name = unscoped(wanted);
        // a scope given is kept: shim:strat means a shim command
        String scope = wanted.contains(":") ? wanted.substring(0, wanted.indexOf(':') + 1) : "";
        return known.stream().filter(k -> k.startsWith(scope)).filter(k -> distance(name, unscoped(k)) <= MAX_DISTANCE)
                .sorted(Comparator.comparingInt((String k) -> distance(name, unscoped(k))).thenComparing(k -> k))
                .distinct().limit(MAX_SUGGESTIONS).toList();
    }

    private static String unscoped(String command) {
        return command.substring(command.indexOf(':') + 1).toLowerCase();
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
