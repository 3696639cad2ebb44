package io.shimhost.api;

/**
 * How a process ended: with an exit code, killed by a signal, or in a way no longer known
 * (its exit was not ours to reap). A handle without a process reports {@link #noProcess()}.
 *
 * @param kind the kind of end
 * @param value the exit code for {@link Kind#EXITED}, the signal for {@link Kind#KILLED}, else 0
 */
public record ExitStatus(Kind kind, int value) {

    /** What kind of end this is. */
    public enum Kind {
        /** The process exited; {@link ExitStatus#value()} is its exit code. */
        EXITED,
        /** A signal killed the process; {@link ExitStatus#value()} is the signal number. */
        KILLED,
        /**
         * The kernel's OOM killer killed the process, its cgroup having reached its memory limit;
         * {@link ExitStatus#value()} is SIGKILL (9).
         */
        OOM_KILLED,
        /** The process is gone but its status could not be collected. */
        UNKNOWN,
        /** There never was a process (pid 0 or -1). */
        NO_PROCESS
    }

    private static final int SIGKILL = 9;
    private static final ExitStatus UNKNOWN = new ExitStatus(Kind.UNKNOWN, 0);
    private static final ExitStatus OOM_KILLED = new ExitStatus(Kind.OOM_KILLED, SIGKILL);
    private static final ExitStatus NO_PROCESS = new ExitStatus(Kind.NO_PROCESS, 0);

    /**
     * @throws NullPointerException if the kind is null
     * @throws IllegalArgumentException if the value does not fit the kind
     */
    public ExitStatus {
        java.util.Objects.requireNonNull(kind, "kind");
        if (kind == Kind.EXITED && (value < 0 || value > 255) || kind == Kind.KILLED && value <= 0
                || kind == Kind.OOM_KILLED && value != SIGKILL
                || (kind == Kind.UNKNOWN || kind == Kind.NO_PROCESS) && value != 0) {
            throw new IllegalArgumentException("No exit status is " + kind + " with value " + value);
        }
    }

    /**
     * @param code the exit code, 0 to 255
     * @return the status of a process that exited with that code
     */
    public static ExitStatus exited(int code) {
        return new ExitStatus(Kind.EXITED, code);
    }

    /**
     * @param signal the signal number, greater than 0
     * @return the status of a process that a signal killed
     */
    public static ExitStatus killed(int signal) {
        return new ExitStatus(Kind.KILLED, signal);
    }

    /** @return the status of a process that the OOM killer killed */
    public static ExitStatus oomKilled() {
        return OOM_KILLED;
    }

    /** @return the status of a process that is gone with its status unknown */
    public static ExitStatus unknown() {
        return UNKNOWN;
    }

    /** @return the status of a handle that never had a process */
    public static ExitStatus noProcess() {
        return NO_PROCESS;
    }

    /** Returns {@code exited CODE}, {@code killed SIGNAL}, {@code oom-killed}, {@code exited, status unknown} or {@code no process}. */
    @Override
    public String toString() {
        switch (kind) {
            case EXITED:
                return "exited " + value;
            case KILLED:
                return "killed " + Signals.name(value);
            case OOM_KILLED:
                return "oom-killed";
            case UNKNOWN:
                return "exited, status unknown";
            default:
                return "no process";
        }
    }
}
