package io.shimhost.console.internal;

import java.util.Collection;
import java.util.List;

/**
 * The commands closest to one that does not exist, for the one line that says so: by edit distance
 * of the name without its scope (a swap of two neighbouring letters counts as one edit, the commonest
 * typo), at most two edits, only the nearest; in the scope given, if one was.
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
        List<String> near = known.stream().filter(k -> k.startsWith(scope))
                .filter(k -> distance(name, unscoped(k)) <= MAX_DISTANCE).distinct().toList();
        int nearest = near.stream().mapToInt(k -> distance(name, unscoped(k))).min().orElse(0);
        return near.stream().filter(k -> distance(name, unscoped(k)) == nearest).sorted().limit(MAX_SUGGESTIONS)
                .toList();
    }

    private static String unscoped(String command) {
        return command.substring(command.indexOf(':') + 1).toLowerCase();
    }

    /** Optimal string alignment distance: Levenshtein's, with a swap of neighbours as one edit. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(d[i - 1][j - 1] + cost, Math.min(d[i - 1][j], d[i][j - 1]) + 1);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
