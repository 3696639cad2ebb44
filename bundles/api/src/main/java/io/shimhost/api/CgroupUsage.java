package io.shimhost.api;

import java.util.Objects;

/**
 * What a shim's cgroup holds and uses, all its processes together (what {@code systemd-cgtop} shows),
 * read live from the cgroup's files.
 *
 * @param path the cgroup, as {@code /proc/PID/cgroup} names it
 * @param own whether it is the shim's own (else one it joined, whose figures include others)
 * @param processes the processes in it now
 * @param memoryBytes the memory charged to it, -1 where no hierarchy used counts memory
 * @param cpuUserMicros CPU time in user mode of all its processes, past and present, in µs; -1 where not counted
 * @param cpuSystemMicros CPU time in the kernel, in µs; -1 where not counted
 * @param oomKills how often the OOM killer killed one of its processes
 */
public record CgroupUsage(String path, boolean own, int processes, long memoryBytes, long cpuUserMicros,
        long cpuSystemMicros, long oomKills) {

    /** @throws NullPointerException if the path is null */
    public CgroupUsage {
        Objects.requireNonNull(path, "path");
    }
}
