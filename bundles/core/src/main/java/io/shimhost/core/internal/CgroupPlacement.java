package io.shimhost.core.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

import io.shimhost.api.ShimException;
import io.shimhost.api.StartFailedException;

import jnr.ffi.Runtime;

/**
 * Places a child in its cgroup before it runs its first instruction, on cgroup v2 as on v1, with
 * nothing but posix_spawn: the child's first file action opens a FIFO for reading, which blocks
 * until a writer opens it; meanwhile the spawning thread finds the child among the launch thread's
 * children, writes its pid to the cgroup's {@code cgroup.procs} files, and only then opens the
 * writing end. (glibc has no {@code clone3} with {@code CLONE_INTO_CGROUP} for posix_spawn before
 * 2.39, and a forked JVM cannot run Java code.) The FIFO is made once, opened here without blocking
 * and unlinked at once: the child reaches it through {@code /proc/self/fd}, in its copy of this
 * thread's descriptor table, and nothing is left on disk. Made and used on the {@link SpawnThread}
 * only, which runs one launch at a time.
 */
final class CgroupPlacement implements AutoCloseable {

    /** The descriptor the child opens the gate on; closed again by the file actions' closefrom(3). */
    static final int CHILD_FD = 3;

    private static final long POLL_NANOS = 20_000;

    private final LibC libc;
    private final int gate;

    private CgroupPlacement(LibC libc, int gate) {
        this.libc = libc;
        this.gate = gate;
    }

    /** Makes the gate; call on the spawning thread, whose descriptor table children copy. */
    static CgroupPlacement open(LibC libc) throws IOException {
        Path dir = Files.createTempDirectory("shimhost-gate", PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwx------")));
        Path fifo = dir.resolve("gate");
        try {
            if (libc.mkfifo(fifo.toString(), 0600) != 0) {
                throw new IOException("mkfifo " + fifo + ": " + libc.strerror(Runtime.getRuntime(libc).getLastError()));
            }
            int fd = libc.open(fifo.toString(), LibC.O_RDONLY | LibC.O_NONBLOCK | LibC.O_CLOEXEC | LibC.O_NOFOLLOW);
            if (fd < 0) {
                throw new IOException("open " + fifo + ": " + libc.strerror(Runtime.getRuntime(libc).getLastError()));
            }
            return new CgroupPlacement(libc, fd);
        } finally {
            Files.deleteIfExists(fifo);
            Files.deleteIfExists(dir);
        }
    }

    /** @return the path the child opens to wait at the gate */
    String childPath() {
        return "/proc/self/fd/" + gate;
    }

    /** The spawn, run on a thread of its own so that its children are the child alone. */
    @FunctionalInterface
    interface Spawn {
        int run() throws ShimException;
    }

    /**
     * Runs a spawn whose file actions open {@link #childPath()} first, on a new thread, and places its
     * child in the cgroup meanwhile. If the child cannot be placed it is killed before its program
     * runs, and reaped.
     *
     * @return the child's pid
     */
    int spawn(ShimCgroup cgroup, Spawn spawn) throws ShimException {
        AtomicLong tid = new AtomicLong();
        AtomicReference<Object> outcome = new AtomicReference<>();
        Thread launcher = new Thread(() -> {
            tid.set(libc.syscall(LibC.SYS_GETTID, 0, 0, 0, 0));
            try {
                outcome.set(spawn.run());
            } catch (ShimException | RuntimeException e) {
                outcome.set(e);
            }
        }, "shimhost-cgroup-launch");
        launcher.start();
        long child = awaitChild(launcher, tid);
        IOException refused = null;
        if (child > 0) {
            try {
                cgroup.admit(child);
            } catch (IOException e) {
                refused = e;
                libc.kill((int) child, 9); // still waiting at the gate: its program never runs
            }
        }
        int writer = libc.open("/proc/thread-self/fd/" + gate, LibC.O_WRONLY | LibC.O_NONBLOCK | LibC.O_CLOEXEC);
        try {
            NamespacedLaunch.joinUninterruptibly(launcher);
        } finally {
            if (writer >= 0) {
                libc.close(writer);
            }
        }
        return result(outcome.get(), refused, cgroup);
    }

    private int result(Object result, IOException refused, ShimCgroup cgroup) throws ShimException {
        if (result instanceof ShimException e) {
            throw e;
        }
        if (result instanceof RuntimeException e) {
            throw e;
        }
        int pid = (Integer) result;
        if (refused != null) {
            libc.waitpid(pid, null, 0);
            throw new StartFailedException(cgroup.path(), LibC.EACCES, "Cannot place the shim in its cgroup "
                    + cgroup.path() + ": " + refused.getMessage() + "; it was killed before it ran");
        }
        return pid;
    }

    /** The launch thread's one child, once it exists; 0 if the thread ended without one. */
    private static long awaitChild(Thread launcher, AtomicLong tid) {
        while (true) {
            long t = tid.get();
            if (t > 0) {
                String children = read(Path.of("/proc/self/task", Long.toString(t), "children"));
                if (!children.isBlank()) {
                    return Long.parseLong(children.trim().split(" ")[0]);
                }
            }
            if (!launcher.isAlive()) {
                return 0;
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public void close() {
        libc.close(gate);
    }
}
