package io.shimhost.api;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletionStage;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A process that shimhost launched and watches. Every operation on a handle whose
 * {@link #pid()} is 0 or less is a no-op: no signal ever goes to pid 0 or -1.
 */
@ProviderType
public interface SupervisedProcess {

    /** How long {@link #waitFor()} waits, as Kata's {@code waitForShim}. */
    Duration DEFAULT_WAIT = Duration.ofSeconds(10);

    /** @return the pid in the framework's pid namespace; 0 or -1 when there is no process */
    long pid();

    /** @return when the process was started */
    Instant startTime();

    /**
     * Returns what tells this process apart from a later one with the same pid: its start time in
     * clock ticks since boot, as {@link ProcessService#startTimeOf(long)} gives it. Record it with
     * the pid to {@link ProcessService#adopt(long, long) adopt} the process after a restart.
     *
     * @return the start time in ticks; empty when there is no process, or it exited before the
     *         start time was read
     */
    default OptionalLong startTicks() {
        return OptionalLong.empty();
    }

    /** @return true while the process has not exited; false once it has, even before it is reaped */
    boolean isRunning();

    /**
     * Sends a signal to this very process; never to another one that reuses its pid.
     *
     * @param signal the signal number, greater than 0
     * @throws InvalidParameterException if the signal number is not valid
     * @throws ShimException if the signal could not be sent for another reason than the
     *         process being gone (which is not an error)
     */
    void signal(int signal) throws ShimException;

    /**
     * Kills the process with SIGKILL. A process that is already gone is not an error.
     *
     * @throws ShimException if the process could not be killed
     */
    void stop() throws ShimException;

    /**
     * Waits for the process to exit.
     *
     * @param limit how long to wait at most
     * @return how it exited; {@link ExitStatus#noProcess()} at once when there is no process
     * @throws ShimTimeoutException if it is still running after the limit; the message names
     *         the pid and the limit
     * @throws InterruptedException if the waiting thread is interrupted
     */
    ExitStatus waitFor(Duration limit) throws ShimTimeoutException, InterruptedException;

    /**
     * Waits for the process to exit, at most {@link #DEFAULT_WAIT}.
     *
     * @return how it exited
     * @throws ShimTimeoutException if it is still running after 10 s
     * @throws InterruptedException if the waiting thread is interrupted
     */
    default ExitStatus waitFor() throws ShimTimeoutException, InterruptedException {
        return waitFor(DEFAULT_WAIT);
    }

    /** @return how the process ended, or empty while it runs */
    Optional<ExitStatus> exitStatus();

    /** @return a stage completed with the exit status when the process ends */
    CompletionStage<ExitStatus> onExit();

    /**
     * Returns the namespaces the process is in, by type, as the inode numbers of
     * {@code /proc/PID/ns/TYPE}.
     *
     * @return the inodes by type; empty when there is no process or it is gone
     */
    Map<NamespaceType, Long> namespaces();

    /**
     * @return the cgroup the process was started in or found in, as {@code /proc/PID/cgroup} names it
     *         (the cgroup v2 path where cgroup v2 is mounted, else that of its first v1 hierarchy):
     *         its own or one it joined; empty when it runs in the framework's
     */
    default java.util.Optional<String> cgroup() {
        return java.util.Optional.empty();
    }

    /** @return whether {@link #cgroup()} is the process's own, created for it, which a stop kills whole */
    default boolean ownsCgroup() {
        return false;
    }
}
