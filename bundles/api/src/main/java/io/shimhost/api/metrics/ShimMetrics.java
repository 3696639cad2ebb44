package io.shimhost.api.metrics;

import org.osgi.annotation.versioning.ProviderType;

import io.shimhost.api.ExitStatus;
import io.shimhost.api.ShimType;

/**
 * Counts what happens to shims, for the node's metrics. Registered as a service only while metrics
 * are on: the registry and the core report to it when it is there and measure nothing when it is not.
 * Every method is called on a hot path (a start, the supervisor's thread) and must return at once:
 * count, never compute, block or throw.
 */
@ProviderType
public interface ShimMetrics {

    /** How an adoption at the registry's activation ended for one recorded shim. */
    enum Adoption {
        /** The process runs and is supervised again. */
        ADOPTED,
        /** The process had ended meanwhile; its status is unknown. */
        EXITED,
        /** The pid is another process's now, or cannot be checked: the shim is lost. */
        LOST
    }

    /**
     * A start of a shim of this type ended.
     *
     * @param type the sandbox's shim type
     * @param started whether the shim was started, or the start failed
     * @param nanos how long the start took, in nanoseconds
     */
    void startEnded(ShimType type, boolean started, long nanos);

    /**
     * A shim the registry started or adopted has ended.
     *
     * @param type its shim type
     * @param status how it ended
     */
    void shimExited(ShimType type, ExitStatus status);

    /**
     * A recorded shim was looked for again at the registry's activation.
     *
     * @param outcome what was found
     */
    void adopted(Adoption outcome);

    /**
     * The shim table was written to its file.
     *
     * @param nanos how long the write (with its sync and rename) took, in nanoseconds
     */
    void tableWritten(long nanos);

    /**
     * The process supervisor woke up for exits and handled them.
     *
     * @param nanos from epoll_wait's return to the exits reaped and told, in nanoseconds
     */
    void supervisorWoke(long nanos);
}
