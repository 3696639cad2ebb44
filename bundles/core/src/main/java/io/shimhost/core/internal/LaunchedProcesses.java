package io.shimhost.core.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

import io.shimhost.api.ProcessSpec;

/**
 * Finds launched processes by the launch id in their environment: after a crash between the
 * spawn and the moment the pid was recorded, that id is all the table knows. Only the process that
 * was launched counts, not a child it started with the same environment: the launched one leads
 * its own process group (every launch makes it a group or session leader).
 */
final class LaunchedProcesses {

    private static final Path PROC = Path.of("/proc");
    private static final byte[] KEY = (ProcessSpec.LAUNCH_ID_VARIABLE + "=").getBytes(StandardCharsets.US_ASCII);
    /** Environments are far smaller; a larger one is not searched past this. */
    private static final int ENVIRON_LIMIT = 256 * 1024;

    private LaunchedProcesses() {
    }

    /** @return the pid of each id's launched process that is still there */
    static Map<String, Long> find(Set<String> launchIds) {
        Map<String, Long> found = new HashMap<>();
        if (launchIds.isEmpty()) {
            return found;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(PROC, p -> isPid(p.getFileName().toString()))) {
            for (Path entry : entries) {
                long pid = Long.parseLong(entry.getFileName().toString());
                launchIdOf(pid).filter(launchIds::contains).filter(id -> leadsItsGroup(pid))
                        .ifPresent(id -> found.put(id, pid));
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot list /proc: " + e.getMessage(), e);
        }
        return found;
    }

    /** The launch id in a process's initial environment, if it has one. */
    static Optional<String> launchIdOf(long pid) {
        byte[] environ;
        try (InputStream in = Files.newInputStream(PROC.resolve(Long.toString(pid)).resolve("environ"))) {
            environ = in.readNBytes(ENVIRON_LIMIT);
        } catch (IOException e) {
            return Optional.empty(); // gone, or a kernel thread
        }
        int start = 0;
        for (int i = 0; i <= environ.length; i++) {
            if (i == environ.length || environ[i] == 0) {
                if (startsWithKey(environ, start, i)) {
                    return Optional.of(new String(environ, start + KEY.length, i - start - KEY.length,
                            StandardCharsets.US_ASCII));
                }
                start = i + 1;
            }
        }
        return Optional.empty();
    }

    private static boolean leadsItsGroup(long pid) {
        OptionalLong group = ProcessStat.processGroup(pid);
        return group.isPresent() && group.getAsLong() == pid;
    }

    private static boolean startsWithKey(byte[] bytes, int from, int to) {
        if (to - from < KEY.length) {
            return false;
        }
        for (int k = 0; k < KEY.length; k++) {
            if (bytes[from + k] != KEY[k]) {
                return false;
            }
        }
        return true;
    }

    private static boolean isPid(String name) {
        return !name.isEmpty() && name.chars().allMatch(Character::isDigit);
    }
}
