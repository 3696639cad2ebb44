package io.shimhost.core.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.shimhost.api.ExitStatus;

import jnr.ffi.Memory;
import jnr.ffi.Pointer;
import jnr.ffi.Runtime;

/**
 * One thread watching every child's pidfd with epoll: a pidfd turns readable when its process
 * exits; the thread then reaps exactly that process with waitid(P_PIDFD) and completes its exit.
 * No thread per process, no polling, and never waitpid(-1), which would steal the exit status of
 * the JVM's other children (ProcessBuilder's).
 */
final class Supervisor implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Supervisor.class);
    private static final int BATCH = 64;

    private final LibC libc;
    private final Runtime runtime;
    private final EpollEventLayout layout = EpollEventLayout.forThisMachine();
    private final Map<Integer, PidfdProcess> watched = new ConcurrentHashMap<>();
    private final int epoll;
    private final int wakeUp;
    private final Thread thread;
    private volatile boolean retiring;

    Supervisor(LibC libc) {
        this.libc = libc;
        this.runtime = Runtime.getRuntime(libc);
        this.epoll = checked(libc.epoll_create1(LibC.EPOLL_CLOEXEC), "epoll_create1");
        this.wakeUp = checked(libc.eventfd(0, LibC.EFD_CLOEXEC), "eventfd");
        add(wakeUp);
        this.thread = new Thread(this::run, "shimhost-supervisor");
        thread.setDaemon(true);
        thread.start();
    }

    /** Starts watching a process; one that exited already is reaped at once (epoll is level-triggered). */
    void watch(PidfdProcess process) {
        if (retiring) {
            throw new IllegalStateException("The process supervisor is retiring and takes no new process");
        }
        int fd = process.pidfd();
        watched.put(fd, process);
        add(fd);
    }

    int watchedCount() {
        return watched.size();
    }

    Thread thread() {
        return thread;
    }

    private void add(int fd) {
        Pointer event = Memory.allocateDirect(runtime, layout.size());
        layout.write(event, 0, LibC.EPOLLIN, fd);
        checked(libc.epoll_ctl(epoll, LibC.EPOLL_CTL_ADD, fd, event), "epoll_ctl(ADD)");
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
            for (int i = 0; i < ready; i++) {
                int fd = layout.fd(events, i);
                if (fd != wakeUp) {
                    reap(fd, info);
                }
            }
        }
    }

    /** Closing the pidfd afterwards (in PidfdProcess.reaped) also takes it out of the epoll set. */
    private void reap(int fd, Pointer info) {
        PidfdProcess process = watched.remove(fd);
        if (process == null) {
            return;
        }
        info.setMemory(0, LibC.SIGINFO_SIZE, (byte) 0);
        ExitStatus status;
        if (libc.waitid(LibC.P_PIDFD, fd, info, LibC.WEXITED) == 0) {
            status = SigInfo.exitStatus(info);
        } else {
            LOG.atWarn().addKeyValue("shim-pid", process.pid()).addKeyValue("errno", runtime.getLastError())
                    .log("Process exited but its status could not be collected");
            status = ExitStatus.unknown();
        }
        process.reaped(status);
    }

    /**
     * Takes no new process; the thread goes on until every process it watches has exited and been
     * reaped, so shims started before keep their supervision (signal, stop, wait, exit status).
     */
    void retire() {
        retiring = true;
        Pointer one = Memory.allocateDirect(runtime, 8);
        one.putLong(0, 1L);
        libc.write(wakeUp, one, 8);
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
