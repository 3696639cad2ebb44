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

    private final LibC libc;
    private final long pid;
    private final Instant startTime;
    private final CompletableFuture<ExitStatus> exit = new CompletableFuture<>();
    private final Object fdLock = new Object();
    private final boolean adopted;
    private final String launchId;
    private int pidfd;
    private OptionalLong startTicks = OptionalLong.empty();

    PidfdProcess(LibC libc, long pid, int pidfd, Instant startTime, boolean adopted, String launchId) {
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

    /** Called once by the supervisor after it reaped the process through the pidfd. */
    void reaped(ExitStatus status) {
        synchronized (fdLock) {
            libc.close(pidfd);
            pidfd = -1;
        }
        exit.complete(status);
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
            Pointer poll = Memory.allocateDirect(Runtime.getRuntime(libc), 8);
            poll.putInt(0, pidfd);
            poll.putShort(4, (short) LibC.POLLIN);
            poll.putShort(6, (short) 0);
            return libc.poll(poll, 1, 0) == 0;
        }
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

    @Override
    public void stop() throws ShimException {
        signal(9);
    }

    @Override
    public ExitStatus waitFor(Duration limit) throws ShimTimeoutException, InterruptedException {
        try {
            return exit.get(limit.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new ShimTimeoutException(pid, limit);
        } catch (ExecutionException e) {
            return ExitStatus.unknown();
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
    public String toString() {
        return "PidfdProcess[pid=" + pid + ", " + exitStatus().map(ExitStatus::toString).orElse("running") + "]";
    }
}
