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
 * @param cgroup what its cgroup holds and uses, when it runs in a cgroup of its own or joined one
 */
public record ProcessUsage(Duration cpuUser, Duration cpuSystem, long residentBytes, int threads, int descriptors,
        long readBytes, long writeBytes, java.util.Optional<CgroupUsage> cgroup) {

    /**
     * The usage of a process in the framework's cgroup.
     *
     * @param cpuUser CPU time in user mode
     * @param cpuSystem CPU time in the kernel
     * @param residentBytes resident memory
     * @param threads its threads
     * @param descriptors its open descriptors
     * @param readBytes bytes read from storage, -1 when not readable
     * @param writeBytes bytes written to storage, -1 when not readable
     */
    public ProcessUsage(Duration cpuUser, Duration cpuSystem, long residentBytes, int threads, int descriptors,
            long readBytes, long writeBytes) {
        this(cpuUser, cpuSystem, residentBytes, threads, descriptors, readBytes, writeBytes, java.util.Optional.empty());
    }

    /** @throws NullPointerException if a CPU time or the cgroup is null */
    public ProcessUsage {
        Objects.requireNonNull(cpuUser, "cpuUser");
        Objects.requireNonNull(cpuSystem, "cpuSystem");
        Objects.requireNonNull(cgroup, "cgroup");
    }

    /**
     * @param usage what its cgroup holds and uses
     * @return this usage with its cgroup's
     */
    public ProcessUsage withCgroup(CgroupUsage usage) {
        return new ProcessUsage(cpuUser, cpuSystem, residentBytes, threads, descriptors, readBytes, writeBytes,
                java.util.Optional.of(usage));
    }
}
