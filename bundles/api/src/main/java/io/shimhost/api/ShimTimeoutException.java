package io.shimhost.api;

import java.time.Duration;

/**
 * A process was still running when a wait for it ran out.
 */
public class ShimTimeoutException extends ShimException {

    private static final long serialVersionUID = 1L;

    private final long pid;
    private final Duration limit;

    /**
     * @param pid the process waited for
     * @param limit how long was waited
     */
    public ShimTimeoutException(long pid, Duration limit) {
        super("Shim pid " + pid + " still running after " + format(limit));
        this.pid = pid;
        this.limit = limit;
    }

    private static String format(Duration limit) {
        long ms = limit.toMillis();
        return ms % 1000 == 0 ? (ms / 1000) + " s" : ms + " ms";
    }

    /** @return the pid waited for */
    public long pid() {
        return pid;
    }

    /** @return the time limit that ran out */
    public Duration limit() {
        return limit;
    }
}
