package io.shimhost.core.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The users /etc/group lists as members of a group: its supplementary members. SO_PEERCRED names
 * only a peer's primary group, so a member by a supplementary group is found here. Read at each
 * connection, so that a change to the group applies at once.
 */
final class GroupMembers {

    private static final Path GROUPS = Path.of("/etc/group");

    private GroupMembers() {
    }

    static Set<String> of(String group) {
        try (Stream<String> lines = Files.lines(GROUPS)) {
            return lines.map(l -> l.split(":", -1)).filter(f -> f.length == 4 && f[0].equals(group))
                    .flatMap(f -> Arrays.stream(f[3].split(","))).map(String::strip).filter(m -> !m.isEmpty())
                    .collect(Collectors.toUnmodifiableSet());
        } catch (IOException | UncheckedIOException e) {
            return Set.of();
        }
    }
}
