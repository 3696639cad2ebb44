package io.shimhost.core.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import io.shimhost.api.ProcessView;

/**
 * Reads a process's {@link ProcessView} from {@code /proc/PID}: {@code cmdline}, {@code environ}
 * (names only: values may be secrets) and the links {@code fd/0} to {@code fd/2}. The start time is
 * read again after, so that a pid recycled while it was read shows nothing.
 */
final class ProcessViews {

    private static final String[] STDIO = {"stdin", "stdout", "stderr"};

    private ProcessViews() {
    }

    static Optional<ProcessView> read(long pid, long startTime) {
        if (pid <= 0 || !sameProcess(pid, startTime)) {
            return Optional.empty();
        }
        Path proc = Path.of("/proc", Long.toString(pid));
        try {
            List<String> argv = nulSeparated(Files.readAllBytes(proc.resolve("cmdline")));
            List<String> names = nulSeparated(Files.readAllBytes(proc.resolve("environ"))).stream()
                    .map(e -> e.contains("=") ? e.substring(0, e.indexOf('=')) : e).toList();
            Map<String, String> stdio = new LinkedHashMap<>();
            for (int fd = 0; fd < STDIO.length; fd++) {
                try {
                    stdio.put(STDIO[fd], Files.readSymbolicLink(proc.resolve("fd").resolve(Integer.toString(fd))).toString());
                } catch (IOException closed) {
                    // a closed descriptor is left out
                }
            }
            return sameProcess(pid, startTime) ? Optional.of(new ProcessView(argv, names, stdio)) : Optional.empty();
        } catch (IOException | SecurityException e) {
            return Optional.empty();
        }
    }

    private static boolean sameProcess(long pid, long startTime) {
        OptionalLong now = ProcessStat.startTime(pid);
        return now.isPresent() && now.getAsLong() == startTime;
    }

    private static List<String> nulSeparated(byte[] bytes) {
        List<String> items = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                items.add(new String(bytes, start, i - start, StandardCharsets.UTF_8));
                start = i + 1;
            }
        }
        if (start < bytes.length) {
            items.add(new String(bytes, start, bytes.length - start, StandardCharsets.UTF_8));
        }
        return items;
    }
}
