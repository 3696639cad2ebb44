package io.shimhost.core.internal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import io.shimhost.api.ProcessUsage;

/**
 * Reads a process's {@link ProcessUsage} from {@code /proc/PID}: {@code stat} (utime, stime,
 * num_threads, rss: fields 14, 15, 20, 24), {@code io} (read_bytes, write_bytes) and the entries
 * of {@code fd} (its size, on Linux 6.2 and later). The start time is checked before and after, so that a pid recycled meanwhile
 * shows nothing.
 */
final class ProcessUsages {

    /** Indexes in {@link ProcessStat#fields}: field N is at N - 3. */
    private static final int UTIME = 11;
    private static final int STIME = 12;
    private static final int THREADS = 17;
    private static final int RSS = 21;
    private static final int START_TIME = 19;
    /** The page size of every Linux architecture shimhost runs on that reports RSS in pages of 4 KiB. */
    private static final long PAGE = 4096;

    private ProcessUsages() {
    }

    static Optional<ProcessUsage> read(long pid, long startTime) {
        return read(pid, startTime, false);
    }

    /**
     * @param held whether the pid cannot name another process while this reads (an unreaped child of
     *        this JVM's, its reaping held off): then the start time is checked once, not twice
     */
    static Optional<ProcessUsage> read(long pid, long startTime, boolean held) {
        if (pid <= 0) {
            return Optional.empty();
        }
        Path proc = Path.of("/proc", Long.toString(pid));
        try {
            String[] stat = ProcessStat.fields(pid);
            if (Long.parseLong(stat[START_TIME]) != startTime) {
                return Optional.empty();
            }
            int descriptors = descriptors(proc.resolve("fd"));
            long[] io = io(proc.resolve("io"));
            OptionalLong now = held ? OptionalLong.of(startTime) : ProcessStat.startTime(pid);
            if (now.isEmpty() || now.getAsLong() != startTime) {
                return Optional.empty();
            }
            return Optional.of(new ProcessUsage(ProcessStat.ticks(Long.parseLong(stat[UTIME])),
                    ProcessStat.ticks(Long.parseLong(stat[STIME])), Long.parseLong(stat[RSS]) * PAGE,
                    Integer.parseInt(stat[THREADS]), descriptors, io[0], io[1]));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * Since Linux 6.2 the size of {@code /proc/PID/fd} is the number of open descriptors: one stat
     * instead of a directory listing. An older kernel says 0, and the entries are counted.
     */
    private static int descriptors(Path fd) throws IOException {
        long size = Files.readAttributes(fd, BasicFileAttributes.class).size();
        if (size > 0) {
            return (int) size;
        }
        int count = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(fd)) {
            for (Path ignored : entries) {
                count++;
            }
        }
        return count;
    }

    /** read_bytes and write_bytes, or -1 each when the file cannot be read (another user's process, say). */
    private static long[] io(Path file) {
        long[] io = {-1, -1};
        try {
            List<String> lines = Files.readAllLines(file);
            for (String line : lines) {
                if (line.startsWith("read_bytes: ")) {
                    io[0] = Long.parseLong(line.substring(12).strip());
                } else if (line.startsWith("write_bytes: ")) {
                    io[1] = Long.parseLong(line.substring(13).strip());
                }
            }
        } catch (IOException | RuntimeException e) {
            // left at -1
        }
        return io;
    }
}
