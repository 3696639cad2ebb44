package io.shimhost.core.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;
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
    private static final int SPINS = 200;

    private final LibC libc;
    private final int gate;
    private final Executor spawningThread;

    private CgroupPlacement(LibC libc, int gate, Executor spawningThread) {
        this.libc = libc;
        this.gate = gate;
        this.spawningThread = spawningThread;
        startLaunchThread();
    }

    /** Makes the gate; call on the spawning thread, whose descriptor table children copy. */
    static CgroupPlacement open(LibC libc, Executor spawningThread) throws IOException {
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
            return new CgroupPlacement(libc, fd, spawningThread);
        } finally {
            Files.deleteIfExists(fifo);
            Files.deleteIfExists(dir);
        }
    }

    /** @return the path the child opens to wait at the gate */
    String childPath() {
        return "/proc/self/fd/" + gate;
    }

    /** One spawn handed to a launch thread: the thread's tid, the spawn's pid or failure, and its end. */
    private record Launch(Spawn spawn, AtomicLong tid, AtomicReference<Object> outcome, CountDownLatch spawned) {
    }

    /** Tells the waiting launch thread to end. */
    private static final Launch CLOSE = new Launch(() -> 0, new AtomicLong(), new AtomicReference<>(), new CountDownLatch(1));

    /**
     * Every launch runs on a thread of its own, so that the thread's children are the child alone; the
     * thread is started ahead, by the spawning thread once the previous launch has returned (so it
     * shares that thread's descriptor table and namespaces, never a namespaced launch's, and its start
     * is off the path of any launch), and waits here for its launch.
     */
    private final SynchronousQueue<Launch> waiting = new SynchronousQueue<>();

    private void startLaunchThread() {
        Thread t = new Thread(this::launchOnce, "shimhost-cgroup-launch");
        t.setDaemon(true);
        t.start();
    }

    private void launchOnce() {
        Launch launch;
        try {
            launch = waiting.take();
        } catch (InterruptedException e) {
            return;
        }
        if (launch == CLOSE) {
            return;
        }
        launch.tid().set(libc.syscall(LibC.SYS_GETTID, 0, 0, 0, 0));
        try {
            launch.outcome().set(launch.spawn().run());
        } catch (ShimException | RuntimeException e) {
            launch.outcome().set(e);
        } finally {
            launch.spawned().countDown();
        }
    }

    private void handOver(Launch launch) {
        Uninterruptibly.get(() -> {
            waiting.put(launch);
            return null;
        });
    }

    /** The spawn, run on a thread of its own so that its children are the child alone. */
    @FunctionalInterface
    interface Spawn {
        int run() throws ShimException;
    }

    /**
     * Runs a spawn whose file actions open {@link #childPath()} first, on a launch thread, and places its
     * child in the cgroup meanwhile. If the child cannot be placed it is killed before its program
     * runs, and reaped.
     *
     * @return the child's pid
     */
    int spawn(ShimCgroup cgroup, Spawn spawn) throws ShimException {
        Launch launch = new Launch(spawn, new AtomicLong(), new AtomicReference<>(), new CountDownLatch(1));
        handOver(launch);
        AtomicLong tid = launch.tid();
        AtomicReference<Object> outcome = launch.outcome();
        CountDownLatch spawned = launch.spawned();
        long child = awaitChild(spawned, tid);
        IOException refused = null;
        if (child > 0) {
            try {
                cgroup.admit(libc, child);
            } catch (IOException e) {
                refused = e;
                libc.kill((int) child, 9); // still waiting at the gate: its program never runs
            }
        }
        int writer = libc.open("/proc/thread-self/fd/" + gate, LibC.O_WRONLY | LibC.O_NONBLOCK | LibC.O_CLOEXEC);
        spawningThread.execute(this::startLaunchThread); // the next launch's, made after this one returns
        try {
            Uninterruptibly.await(spawned);
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

    /**
     * The launch thread's one child, once it exists; 0 if the spawn ended without one. Polled without
     * pausing at first (a child appears within a few tens of µs), then every {@value #POLL_NANOS} ns.
     */
    private static long awaitChild(CountDownLatch spawned, AtomicLong tid) {
        for (int polls = 0; true; polls++) {
            long t = tid.get();
            if (t > 0) {
                String children = read(Path.of("/proc/self/task", Long.toString(t), "children"));
                if (!children.isBlank()) {
                    return Long.parseLong(children.trim().split(" ")[0]);
                }
            }
            if (spawned.getCount() == 0) {
                return 0;
            }
            if (polls < SPINS) {
                Thread.onSpinWait();
            } else {
                LockSupport.parkNanos(POLL_NANOS);
            }
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            return "";
        }
    }

    /** Ends the waiting launch thread, then closes the gate. */
    @Override
    public void close() {
        try {
            waiting.offer(CLOSE, 10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        libc.close(gate);
    }
}
