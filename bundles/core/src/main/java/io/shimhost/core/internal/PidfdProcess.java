package io.shimhost.core.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.shimhost.api.ExitStatus;
import io.shimhost.api.InvalidParameterException;
import io.shimhost.api.NamespaceType;
import io.shimhost.api.ShimException;
import io.shimhost.api.Signals;
import io.shimhost.api.ShimTimeoutException;
import io.shimhost.api.SupervisedProcess;

import jnr.ffi.Memory;
import jnr.ffi.Pointer;
import jnr.ffi.Runtime;

/**
 * A child known by its pidfd: signals go through the pidfd, so they reach this process or none;
 * once the supervisor has reaped it the pidfd is closed and nothing is sent any more.
 */
final class PidfdProcess implements SupervisedProcess {

    private static final Logger LOG = LoggerFactory.getLogger(PidfdProcess.class);
    /** The longest a waiter sits in poll before it looks for an interrupt. */
    private static final int POLL_SLICE_MILLIS = 50;

    private final LibC libc;
    private final long pid;
    private final Instant startTime;
    private final CompletableFuture<ExitStatus> exit = new CompletableFuture<>();
    private final Object fdLock = new Object();
    private final boolean adopted;
    private final String launchId;
    /** Its cgroup, or null when it runs in the framework's. */
    private final ShimCgroup cgroup;
    /** Called with its own cgroup once it has ended, to remove it. */
    private final Consumer<ShimCgroup> release;
    private int pidfd;
    private OptionalLong startTicks = OptionalLong.empty();
    private volatile Runnable unwatch = () -> { };

    PidfdProcess(LibC libc, long pid, int pidfd, Instant startTime, boolean adopted, String launchId) {
        this(libc, pid, pidfd, startTime, adopted, launchId, null, c -> { });
    }

    PidfdProcess(LibC libc, long pid, int pidfd, Instant startTime, boolean adopted, String launchId, ShimCgroup cgroup,
            Consumer<ShimCgroup> release) {
        this.cgroup = cgroup;
        this.release = release;
        this.libc = libc;
        this.pid = pid;
        this.pidfd = pidfd;
        this.startTime = startTime;
        this.adopted = adopted;
        this.launchId = launchId;
    }

    /** The id of the launch that started it, or empty. */
    String launchId() {
        return launchId;
    }

    /** Whether this JVM did not start the process: its exit status is then not ours to collect. */
    boolean adopted() {
        return adopted;
    }

    int pidfd() {
        synchronized (fdLock) {
            return pidfd;
        }
    }

    /** How the supervisor forgets it once it has been reaped; set when it starts watching it. */
    void watchedBy(Runnable unwatch) {
        this.unwatch = unwatch;
    }

    /**
     * Reaps this child through its pidfd if it has exited, and finishes it: the supervisor's thread
     * and a thread in {@link #waitFor} may both try, and whoever reaps it finishes it, once. The
     * pidfd is given up in the same step under the lock every signal takes: a signal that holds the
     * lock and finds the pidfd open knows the pid is still this process's (running, or a zombie),
     * which is what lets {@link #stop} signal its process group. It is closed once the exit is told.
     *
     * @param info room for a siginfo_t
     * @param notYet called with the pidfd, under the lock, when it has not exited: the supervisor
     *        re-arms its notice there, where no other thread can close the pidfd meanwhile
     * @return false when it has not exited yet; true when it is finished, now or by the other thread
     */
    boolean reapIfExited(Pointer info, java.util.function.IntConsumer notYet) {
        ExitStatus status;
        int reapedFd;
        synchronized (fdLock) {
            if (pidfd < 0) {
                return true;
            }
            info.putInt(SigInfo.PID_OFFSET, 0);
            if (libc.waitid(LibC.P_PIDFD, pidfd, info, LibC.WEXITED | LibC.WNOHANG) != 0) {
                LOG.atWarn().addKeyValue("shim-pid", pid).addKeyValue("errno", Runtime.getRuntime(libc).getLastError())
                        .log("Process exited but its status could not be collected");
                status = ExitStatus.unknown();
            } else if (SigInfo.reaped(info)) {
                status = SigInfo.exitStatus(info);
            } else {
                notYet.accept(pidfd);
                return false;
            }
            reapedFd = pidfd;
            pidfd = -1; // signals stop here: the pid is free to be reused from now on
        }
        reaped(status);
        libc.close(reapedFd); // after the exit is told: nothing can use it any more
        unwatch.run();
        return true;
    }

    /**
     * Called once after the process was reaped (or, adopted, seen to end): the exit completes first,
     * so that whoever waits hears of it at once, then the cleaning up. A SIGKILL in an own cgroup
     * whose OOM killer was at work is reported as an OOM kill; what the process left in that cgroup
     * is killed and the cgroup removed.
     */
    void reaped(ExitStatus status) {
        synchronized (fdLock) {
            if (pidfd >= 0) {
                libc.close(pidfd);
                pidfd = -1;
            }
        }
        if (cgroup != null && cgroup.own()) {
            exit.complete(cgroup.explain(status));
            release.accept(cgroup);
        } else {
            exit.complete(status);
        }
    }

    @Override
    public long pid() {
        return pid;
    }

    @Override
    public Instant startTime() {
        return startTime;
    }

    /**
     * Read once, while the pidfd is open: until the supervisor reaps the process (which takes the
     * same lock) its pid cannot name another process.
     */
    @Override
    public OptionalLong startTicks() {
        synchronized (fdLock) {
            if (startTicks.isEmpty() && pidfd >= 0) {
                startTicks = ProcessStat.startTime(pid);
            }
            return startTicks;
        }
    }

    /** An exited process is not running even before the supervisor reaps it: its pidfd is readable then. */
    @Override
    public boolean isRunning() {
        synchronized (fdLock) {
            if (pidfd < 0) {
                return false;
            }
            return poll(Memory.allocateDirect(Runtime.getRuntime(libc), 8), pidfd, 0) == 0;
        }
    }

    /** poll(2) on one pidfd, readable once its process has exited; {@code pollfd} is room for a struct pollfd. */
    private int poll(Pointer pollfd, int fd, int timeoutMillis) {
        pollfd.putInt(0, fd);
        pollfd.putShort(4, (short) LibC.POLLIN);
        pollfd.putShort(6, (short) 0);
        return libc.poll(pollfd, 1, timeoutMillis);
    }

    @Override
    public void signal(int signal) throws ShimException {
        if (signal < 1 || signal > Signals.HIGHEST) {
            throw new InvalidParameterException("signal", signal, "Invalid signal " + signal + " for pid " + pid
                    + ": a signal number is 1 to " + Signals.HIGHEST);
        }
        synchronized (fdLock) {
            if (pidfd < 0) {
                return; // reaped: its pid may belong to another process by now
            }
            long rc = libc.syscall(LibC.SYS_PIDFD_SEND_SIGNAL, pidfd, signal, 0, 0);
            if (rc < 0) {
                int errno = Runtime.getRuntime(libc).getLastError();
                if (errno == LibC.ESRCH) {
                    return; // exited, not yet reaped: gone is not an error
                }
                throw new ShimException("Cannot send " + Signals.name(signal) + " to pid " + pid + ": " + libc.strerror(errno));
            }
        }
        LOG.atDebug().addKeyValue("shim-pid", pid).addKeyValue("shim-signal", signal).log("Signal sent");
    }

    /**
     * SIGKILL to the shim and, when it leads a process group of its own (as every shim does), to
     * what it started in that group: a child of ours is killed with its group at once, while the lock
     * keeps it from being reaped (so its pid, the group's id, is still its own); an adopted one is
     * killed first, then its group's members are found in /proc and each is signalled through a pidfd
     * of its own (a group's id is not given to another process while a member is left).
     */
    @Override
    public void stop() throws ShimException {
        if (cgroup != null && cgroup.own()) {
            signal(9);
            cgroup.kill(libc); // the shim's cgroup, named for it: no pid in it can be another's
            return;
        }
        boolean leader;
        synchronized (fdLock) {
            // an adopted process is not ours to reap: its pid is checked to be still its own by the start time
            leader = pidfd >= 0 && ProcessStat.processGroup(pid).orElse(-1) == pid
                    && (!adopted || startTicks().isPresent() && ProcessStat.startTime(pid).equals(startTicks()));
            if (leader && !adopted) {
                libc.kill((int) -pid, 9);
            }
        }
        signal(9);
        if (leader && adopted) {
            // the shim first: its members keep the group's id from being reused while they are found
            ProcessGroups.killMembers(libc, pid);
        }
    }

    @Override
    public ExitStatus waitFor(Duration limit) throws ShimTimeoutException, InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        if (!adopted && !exit.isDone()) {
            awaitOnPidfd(deadline);
        }
        try {
            return exit.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new ShimTimeoutException(pid, limit);
        } catch (ExecutionException e) {
            return ExitStatus.unknown();
        }
    }

    /**
     * Waits in poll on a duplicate of the pidfd on this thread, and reaps the child itself when it
     * exits: the waiter wakes once, at the exit, as a C program's waitpid would, instead of after the
     * supervisor's thread. (The duplicate keeps the pidfd's file open should the supervisor reap and
     * close it meanwhile.) Polls in slices, so that an interrupt is heard.
     */
    private void awaitOnPidfd(long deadline) throws InterruptedException {
        int fd;
        synchronized (fdLock) {
            if (pidfd < 0) {
                return;
            }
            fd = (int) libc.syscall(LibC.SYS_FCNTL, pidfd, LibC.F_DUPFD_CLOEXEC, 3, 0);
        }
        if (fd < 0) {
            return; // out of descriptors: the supervisor's notice will do
        }
        try {
            Pointer pollfd = Memory.allocateDirect(Runtime.getRuntime(libc), 8);
            Pointer info = Memory.allocateDirect(Runtime.getRuntime(libc), LibC.SIGINFO_SIZE);
            while (!exit.isDone()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
                int ready = poll(pollfd, fd, (int) Math.min(POLL_SLICE_MILLIS, Math.max(1, left / 1_000_000)));
                if (ready > 0 && reapIfExited(info, notExited -> { })) {
                    return;
                }
            }
        } finally {
            libc.close(fd);
        }
    }

    @Override
    public Optional<ExitStatus> exitStatus() {
        return Optional.ofNullable(exit.getNow(null));
    }

    @Override
    public CompletionStage<ExitStatus> onExit() {
        return exit.minimalCompletionStage();
    }

    @Override
    public Map<NamespaceType, Long> namespaces() {
        return isRunning() ? NamespaceLinks.read(Path.of("/proc", Long.toString(pid), "ns")) : Map.of();
    }

    @Override
    public Optional<String> cgroup() {
        return Optional.ofNullable(cgroup).map(ShimCgroup::path);
    }

    @Override
    public boolean ownsCgroup() {
        return cgroup != null && cgroup.own();
    }

    /**
     * Runs a read of /proc/PID while the pid cannot name another process: with the lock the reaping
     * takes held, for a child of this JVM's that has not been reaped.
     *
     * @return the read's result, or empty once reaped (or when adopted: not ours to hold)
     */
    <T> Optional<T> whileHeld(java.util.function.Supplier<Optional<T>> read) {
        synchronized (fdLock) {
            return pidfd >= 0 && !adopted ? read.get() : Optional.empty();
        }
    }

    /** @return its cgroup, or null */
    ShimCgroup shimCgroup() {
        return cgroup;
    }

    @Override
    public String toString() {
        return "PidfdProcess[pid=" + pid + ", " + exitStatus().map(ExitStatus::toString).orElse("running") + "]";
    }
}
