package io.shimhost.api;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a running process looks like from outside, read live from {@code /proc}: its argument
 * vector, the names (never the values) of its environment, and where its stdin, stdout and stderr go.
 *
 * @param argv the argument vector, the program first
 * @param environmentNames the names of its environment variables, in its order
 * @param stdio where descriptors 0, 1 and 2 lead ({@code stdin}, {@code stdout}, {@code stderr}), as
 *        {@code /proc/PID/fd} shows them (a path, {@code pipe:[N]}, {@code socket:[N]}); a closed one is absent
 */
public record ProcessView(List<String> argv, List<String> environmentNames, Map<String, String> stdio) {

    /** Copies the lists and the map; @throws NullPointerException if one is null */
    public ProcessView {
        argv = List.copyOf(argv);
        environmentNames = List.copyOf(environmentNames);
        stdio = Map.copyOf(Objects.requireNonNull(stdio, "stdio"));
    }
}
