package io.shimhost.core.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import io.shimhost.api.CgroupUsage;
import io.shimhost.api.ExitStatus;

/**
 * The cgroup one process runs in, as directories in each hierarchy used: its own (created for it,
 * killed whole on stop, removed when empty) or one it joined. Plain file reads and writes, as the
 * kernel's cgroup interface is.
 */
final class ShimCgroup {

    private static final int SIGKILL = 9;
    private static final int PASSES = 3;
    /** The hierarchies that track a cgroup's processes, by preference. */
    static final List<String> TRACKING = List.of("freezer", CgroupMounts.V2, "pids", "memory", "cpu");

    private final String path;
    private final boolean own;
    /** Directory by hierarchy: {@link CgroupMounts#V2} or a v1 controller; the first one tracks the processes. */
    private final Map<String, Path> directories;
    /** The pids limit of an own cgroup, set again once its launching thread, counted while in it, leaves; 0: none. */
    private final long pidsLimit;

    ShimCgroup(String path, boolean own, Map<String, Path> directories) {
        this(path, own, directories, 0);
    }

    ShimCgroup(String path, boolean own, Map<String, Path> directories, long pidsLimit) {
        this.path = path;
        this.own = own;
        this.directories = Map.copyOf(directories);
        this.pidsLimit = pidsLimit;
        if (directories.isEmpty()) {
            throw new IllegalArgumentException("A cgroup has a directory in one hierarchy at least: " + path);
        }
    }

    /** @return the cgroup path, as /proc/PID/cgroup shows it in the tracking hierarchy */
    String path() {
        return path;
    }

    /** @return whether it was created for the process, which its stop kills whole */
    boolean own() {
        return own;
    }

    Collection<Path> directories() {
        return directories.values();
    }

    /**
     * @return whether its launching thread places a child in it ({@link ThreadPlacement}): it has no
     *         cgroup v2 directory, and on v1 a thread moves alone; else the gate does ({@link CgroupPlacement})
     */
    boolean placedByThread() {
        return !directories.containsKey(CgroupMounts.V2);
    }

    /** @return the hierarchies it has a directory in: {@link CgroupMounts#V2} or v1 controllers */
    java.util.Set<String> hierarchies() {
        return directories.keySet();
    }

    Optional<Path> directory(String hierarchy) {
        return Optional.ofNullable(directories.get(hierarchy));
    }

    /** The hierarchy whose cgroup.procs lists every process: the v1 freezer where it has one, else cgroup v2, else pids. */
    String trackingHierarchy() {
        for (String h : TRACKING) {
            if (directories.containsKey(h)) {
                return h;
            }
        }
        throw new IllegalStateException("no directory");
    }

    /** The directory of {@link #trackingHierarchy()}. */
    Path tracking() {
        return directories.get(trackingHierarchy());
    }

    /** Moves a process into every directory; it must not have started its program yet. */
    void admit(LibC libc, long pid) throws IOException {
        byte[] number = Long.toString(pid).getBytes(StandardCharsets.US_ASCII);
        for (Path dir : directories.values()) {
            write(libc, dir.resolve("cgroup.procs"), number);
        }
    }

    /** Sets the pids limit to its value once the launching thread, counted while in the cgroup, is about to leave. */
    void settlePidsLimit(LibC libc) {
        Optional<Path> pids = directory("pids");
        if (pidsLimit > 0 && pids.isPresent()) {
            try {
                write(libc, pids.get().resolve("pids.max"), Long.toString(pidsLimit).getBytes(StandardCharsets.US_ASCII));
            } catch (IOException e) {
                // removed meanwhile
            }
        }
    }

    /**
     * Writes a cgroup file with one open, write and close, as the kernel's interface takes it (NIO's
     * channels cost more than the write itself on the path of every start).
     */
    static void write(LibC libc, Path file, byte[] value) throws IOException {
        int fd = libc.open(file.toString(), LibC.O_WRONLY | LibC.O_CLOEXEC);
        if (fd < 0) {
            throw new IOException(file + ": " + libc.strerror(jnr.ffi.Runtime.getRuntime(libc).getLastError()));
        }
        try {
            if (libc.write(fd, value, value.length) != value.length) {
                throw new IOException(file + ": " + libc.strerror(jnr.ffi.Runtime.getRuntime(libc).getLastError()));
            }
        } finally {
            libc.close(fd);
        }
    }

    /** @return the pids in it now; empty once removed */
    List<Long> processes() {
        List<Long> pids = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(tracking().resolve("cgroup.procs"))) {
                if (!line.isBlank()) {
                    pids.add(Long.parseLong(line.trim()));
                }
            }
        } catch (IOException | NumberFormatException e) {
            // removed meanwhile: nothing in it
        }
        return pids;
    }

    /**
     * SIGKILL to everything in it: the kernel's {@code cgroup.kill} on cgroup v2; on v1, with the
     * freezer where mounted (so nothing forks meanwhile), each process through a pidfd of its own,
     * checked to be still in this cgroup after it was opened.
     */
    void kill(LibC libc) {
        Optional<Path> v2 = directory(CgroupMounts.V2).map(d -> d.resolve("cgroup.kill")).filter(Files::exists);
        if (v2.isPresent()) {
            try {
                Files.writeString(v2.get(), "1", StandardCharsets.US_ASCII);
                return;
            } catch (IOException e) {
                // removed meanwhile, or refused: kill one by one below
            }
        }
        Optional<Path> freezer = directory("freezer").map(d -> d.resolve("freezer.state"));
        freezer.ifPresent(f -> write(f, "FROZEN"));
        try {
            for (int pass = 0; pass < PASSES; pass++) {
                List<Long> pids = processes();
                if (pids.isEmpty()) {
                    return;
                }
                pids.forEach(pid -> ProcessGroups.killIf(libc, pid, p -> processes().contains(p)));
            }
        } finally {
            freezer.ifPresent(f -> write(f, "THAWED"));
        }
    }

    private static void write(Path file, String value) {
        try {
            Files.writeString(file, value, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            // removed meanwhile
        }
    }

    /** @return how often the kernel's OOM killer killed a process of this cgroup, 0 when unknown */
    long oomKills() {
        return directory("memory").flatMap(d -> field(d.resolve("memory.oom_control"), "oom_kill"))
                .or(() -> directory(CgroupMounts.V2).flatMap(d -> field(d.resolve("memory.events"), "oom_kill")))
                .orElse(OptionalLong.empty()).orElse(0);
    }

    /** A process SIGKILLed while its cgroup's OOM killer was at work was killed by it. */
    ExitStatus explain(ExitStatus status) {
        return own && status.equals(ExitStatus.killed(SIGKILL)) && oomKills() > 0 ? ExitStatus.oomKilled() : status;
    }

    /** @return the bytes of memory it holds now, -1 when no hierarchy used counts memory */
    long memoryBytes() {
        return directory("memory").flatMap(d -> number(d.resolve("memory.usage_in_bytes")))
                .or(() -> directory(CgroupMounts.V2).flatMap(d -> number(d.resolve("memory.current"))))
                .orElse(-1L);
    }

    /**
     * @return CPU time of all its processes, user and system, in µs; empty where no hierarchy used
     *         counts it: cgroup v2's cpu.stat (one read: each makes the kernel gather the figures of
     *         every CPU), or on v1 the cpuacct.stat of a cpu directory where cpuacct is mounted with
     *         cpu, as most v1 hosts mount it (in USER_HZ ticks, 100 a second)
     */
    Optional<long[]> cpuMicros() {
        Optional<Path> v2 = directory(CgroupMounts.V2).map(d -> d.resolve("cpu.stat"));
        if (v2.isPresent()) {
            return userAndSystem(v2.get(), "user_usec ", "system_usec ", 1);
        }
        Optional<Path> v1 = directory("cpu").map(d -> d.resolve("cpuacct.stat")).filter(Files::exists);
        return v1.flatMap(f -> userAndSystem(f, "user ", "system ", 10_000));
    }

    private static Optional<long[]> userAndSystem(Path stat, String userKey, String systemKey, long microsEach) {
        long user = -1;
        long system = -1;
        try {
            for (String line : Files.readAllLines(stat, StandardCharsets.US_ASCII)) {
                if (line.startsWith(userKey)) {
                    user = Long.parseLong(line.substring(userKey.length()).trim()) * microsEach;
                } else if (line.startsWith(systemKey)) {
                    system = Long.parseLong(line.substring(systemKey.length()).trim()) * microsEach;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
        return user < 0 || system < 0 ? Optional.empty() : Optional.of(new long[] {user, system});
    }

    /** @return what it holds and uses now */
    CgroupUsage usage() {
        Optional<long[]> cpu = cpuMicros();
        return new CgroupUsage(path, own, processes().size(), memoryBytes(), cpu.map(c -> c[0]).orElse(-1L),
                cpu.map(c -> c[1]).orElse(-1L), oomKills());
    }

    /**
     * Removes its directories. Fails while a process is left in it.
     *
     * @return whether every directory is gone
     */
    boolean remove() {
        boolean gone = true;
        for (Path dir : directories.values()) {
            try {
                Files.deleteIfExists(dir);
            } catch (IOException e) {
                gone = false;
            }
        }
        return gone;
    }

    private static Optional<Long> number(Path file) {
        try {
            return Optional.of(Long.parseLong(Files.readString(file, StandardCharsets.US_ASCII).trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** A {@code key value} line of a flat-keyed cgroup file; empty when the file is not there. */
    private static Optional<OptionalLong> field(Path file, String key) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            return Optional.empty();
        }
        for (String line : lines) {
            if (line.startsWith(key + " ")) {
                try {
                    return Optional.of(OptionalLong.of(Long.parseLong(line.substring(key.length() + 1).trim())));
                } catch (NumberFormatException e) {
                    return Optional.of(OptionalLong.empty());
                }
            }
        }
        return Optional.of(OptionalLong.empty());
    }

    @Override
    public String toString() {
        return path + (own ? " (own)" : " (joined)");
    }
}
