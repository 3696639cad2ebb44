package io.shimhost.api;

import java.time.Duration;
import java.util.Objects;

/**
 * What a running process uses, read live from {@code /proc}: the figures {@code ps}, {@code top}
 * and {@code podman stats} show.
 *
 * @param cpuUser CPU time spent in user mode
 * @param cpuSystem CPU time spent in the kernel on its behalf
 * @param residentBytes resident memory (RSS)
 * @param threads its threads
 * @param descriptors its open file descriptors
 * @param readBytes bytes it caused to be read from storage ({@code /proc/PID/io} read_bytes; -1 when not readable)
 * @param writeBytes bytes it caused to be written to storage (write_bytes; -1 when not readable)
 */
public record ProcessUsage(Duration cpuUser, Duration cpuSystem, long residentBytes, int threads, int descriptors,
        long readBytes, long writeBytes) {

    /** @throws NullPointerException if a CPU time is null */
    public ProcessUsage {
        Objects.requireNonNull(cpuUser, "cpuUser");
        Objects.requireNonNull(cpuSystem, "cpuSystem");
    }
}
