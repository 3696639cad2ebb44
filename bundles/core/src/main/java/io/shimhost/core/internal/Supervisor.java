package io.shimhost.core.internal;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.shimhost.api.ExitStatus;
import io.shimhost.api.metrics.ShimMetrics;

import jnr.ffi.Memory;
import jnr.ffi.Pointer;
import jnr.ffi.Runtime;

/**
 * One thread watching every child's pidfd with epoll: a pidfd turns readable when its process
 * exits; the thread then reaps exactly that process with waitid(P_PIDFD) and completes its exit.
 * No thread per process, no polling, and never waitpid(-1), which would steal the exit status of
 * the JVM's other children (ProcessBuilder's).
 *
 * <p>Each registration carries a number of its own, not the descriptor: a child being spawned
 * holds copies of the JVM's descriptors until it execs, which keeps a closed pidfd's registration
 * alive while its number is reused by the next process; such a stale event names no watched
 * process and is dropped. Registrations are one-shot, so a stale one fires at most once.
 */
final class Supervisor implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Supervisor.class);
    private static final int BATCH = 64;
    private static final long WAKE_UP = 0;

    private final LibC libc;
    private final Runtime runtime;
    private final EpollEventLayout layout = EpollEventLayout.forThisMachine();
    private final Pointer registration;
    private final Map<Long, PidfdProcess> watched = new ConcurrentHashMap<>();
    /** The processes watched, by pid and by launch id: looked up without a scan, at any number of shims. */
    private final Map<Long, PidfdProcess> byPid = new ConcurrentHashMap<>();
    private final Map<String, PidfdProcess> byLaunch = new ConcurrentHashMap<>();
    private final AtomicLong nextId = new AtomicLong(WAKE_UP + 1);
    private final int epoll;
    private final int wakeUp;
    private final Thread thread;
    private volatile boolean retiring;
    /** Told how long each wake-up for exits took, while metrics are on. */
    private volatile ShimMetrics metrics;
    /** Completed by the thread at its next wake-up: it answers, so it notices exits. */
    private volatile CompletableFuture<Void> pong = new CompletableFuture<>();

    Supervisor(LibC libc) {
        this.libc = libc;
        this.runtime = Runtime.getRuntime(libc);
        this.registration = Memory.allocateDirect(runtime, layout.size());
        this.epoll = checked(libc.epoll_create1(LibC.EPOLL_CLOEXEC), "epoll_create1");
        this.wakeUp = checked(libc.eventfd(0, LibC.EFD_CLOEXEC), "eventfd");
        register(LibC.EPOLL_CTL_ADD, wakeUp, LibC.EPOLLIN, WAKE_UP);
        this.thread = new Thread(this::run, "shimhost-supervisor");
        thread.setDaemon(true);
        thread.start();
    }

    /** Starts watching a process; one that exited already is reaped at once. */
    void watch(PidfdProcess process) {
        if (retiring) {
            throw new IllegalStateException("The process supervisor is retiring and takes no new process");
        }
        long id = nextId.getAndIncrement();
        process.watchedBy(() -> unwatch(id, process));
        watched.put(id, process);
        byPid.put(process.pid(), process);
        if (!process.launchId().isEmpty()) {
            byLaunch.put(process.launchId(), process);
        }
        register(LibC.EPOLL_CTL_ADD, process.pidfd(), LibC.EPOLLIN | LibC.EPOLLONESHOT, id);
    }

    /** The process watched under this pid that has not been reaped yet, if any. */
    Optional<PidfdProcess> watching(long pid) {
        return Optional.ofNullable(byPid.get(pid)).filter(p -> p.pidfd() >= 0);
    }

    /** @return the processes watched here and not reaped yet */
    java.util.List<PidfdProcess> running() {
        return byPid.values().stream().filter(p -> p.pidfd() >= 0).toList();
    }

    /** The process of a launch watched here and not reaped yet, if any. */
    Optional<PidfdProcess> watchingLaunch(String launchId) {
        return Optional.ofNullable(byLaunch.get(launchId)).filter(p -> p.pidfd() >= 0);
    }

    /** No longer watched: out of every index (an index that names a newer process keeps it). */
    private void unwatch(long id, PidfdProcess process) {
        watched.remove(id);
        byPid.remove(process.pid(), process);
        if (!process.launchId().isEmpty()) {
            byLaunch.remove(process.launchId(), process);
        }
        if (retiring && watched.isEmpty() && Thread.currentThread() != thread) {
            wake(); // its last process was reaped by a waiter: the retired thread may end now
        }
    }

    /** @param metrics told of each wake-up for exits from now on; null to stop */
    void reportTo(ShimMetrics metrics) {
        this.metrics = metrics;
    }

    int watchedCount() {
        return watched.size();
    }

    Thread thread() {
        return thread;
    }

    /** epoll_ctl copies the event: one buffer serves every registration, one at a time. */
    private void register(int op, int fd, int mask, long id) {
        synchronized (registration) {
            layout.write(registration, 0, mask, id);
            checked(libc.epoll_ctl(epoll, op, fd, registration), "epoll_ctl");
        }
    }

    private void run() {
        try {
            watchUntilRetiredAndIdle();
        } finally {
            libc.close(wakeUp);
            libc.close(epoll);
        }
    }

    private void watchUntilRetiredAndIdle() {
        Pointer events = Memory.allocateDirect(runtime, layout.size() * BATCH);
        Pointer info = Memory.allocateDirect(runtime, LibC.SIGINFO_SIZE);
        byte[] counter = new byte[8];
        while (!(retiring && watched.isEmpty())) {
            int ready = libc.epoll_wait(epoll, events, BATCH, -1);
            if (ready < 0) {
                int errno = runtime.getLastError();
                if (errno == LibC.EINTR) {
                    continue;
                }
                LOG.atError().addKeyValue("errno", errno).log("epoll_wait failed; exits are no longer noticed");
                return;
            }
            ShimMetrics report = metrics;
            long since = report == null ? 0 : System.nanoTime();
            boolean exits = false;
            for (int i = 0; i < ready; i++) {
                long id = layout.data(events, i);
                if (id == WAKE_UP) {
                    libc.read(wakeUp, counter, counter.length); // consumed, or it would stay readable and spin
                    pong.complete(null);
                } else {
                    reap(id, info);
                    exits = true;
                }
            }
            if (report != null && exits) {
                report.supervisorWoke(System.nanoTime() - since);
            }
        }
    }

    private void reap(long id, Pointer info) {
        PidfdProcess process = watched.get(id);
        if (process == null) {
            return; // a stale registration of a pidfd already closed here
        }
        if (process.adopted()) {
            process.reaped(ExitStatus.unknown()); // not our child: the pidfd turned readable because it exited
            unwatch(id, process);
            return;
        }
        process.reapIfExited(info, fd -> register(LibC.EPOLL_CTL_MOD, fd, LibC.EPOLLIN | LibC.EPOLLONESHOT, id));
    }

    /**
     * Wakes the thread and waits for its answer: a thread that is alive but stuck, or gone, notices
     * no exit.
     *
     * @return whether it answered within {@code limit}
     */
    boolean answers(Duration limit) throws InterruptedException {
        if (!thread.isAlive()) {
            return false;
        }
        CompletableFuture<Void> answer = new CompletableFuture<>();
        pong = answer;
        wake();
        try {
            answer.get(limit.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (ExecutionException | TimeoutException e) {
            return false;
        }
    }

    private void wake() {
        Pointer one = Memory.allocateDirect(runtime, 8);
        one.putLong(0, 1L);
        libc.write(wakeUp, one, 8);
    }

    /**
     * Takes no new process; the thread goes on until every process it watches has exited and been
     * reaped, so shims started before keep their supervision (signal, stop, wait, exit status).
     */
    void retire() {
        retiring = true;
        wake();
    }

    /** Retires and waits until the last watched process is gone (tests). */
    @Override
    public void close() throws InterruptedException {
        retire();
        thread.join();
    }

    private int checked(int rc, String call) {
        if (rc < 0) {
            throw new IllegalStateException(call + " failed: " + libc.strerror(runtime.getLastError()));
        }
        return rc;
    }
}
