package io.shimhost.api;

/**
 * How a process ended: with an exit code, killed by a signal, or in a way no longer known
 * (its exit was not ours to reap). A handle without a process reports {@link #noProcess()}.
 */
public final class ExitStatus {

    /** What kind of end this is. */
    public enum Kind {
        /** The process exited; {@link ExitStatus#value()} is its exit code. */
        EXITED,
        /** A signal killed the process; {@link ExitStatus#value()} is the signal number. */
        KILLED,
        /** The process is gone but its status could not be collected. */
        UNKNOWN,
        /** There never was a process (pid 0 or -1). */
        NO_PROCESS
    }

    private static final ExitStatus UNKNOWN = new ExitStatus(Kind.UNKNOWN, 0);
    private static final ExitStatus NO_PROCESS = new ExitStatus(Kind.NO_PROCESS, 0);

    private final Kind kind;
    private final int value;

    private ExitStatus(Kind kind, int value) {
        this.kind = kind;
        this.value = value;
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

    /** @return the status of a process that is gone with its status unknown */
    public static ExitStatus unknown() {
        return UNKNOWN;
    }

    /** @return the status of a handle that never had a process */
    public static ExitStatus noProcess() {
        return NO_PROCESS;
    }

    /** @return the kind of end */
    public Kind kind() {
        return kind;
    }

    /** @return the exit code for {@link Kind#EXITED}, the signal for {@link Kind#KILLED}, else 0 */
    public int value() {
        return value;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ExitStatus && ((ExitStatus) o).kind == kind && ((ExitStatus) o).value == value;
    }

    @Override
    public int hashCode() {
        return kind.hashCode() * 31 + value;
    }

    /** Returns {@code exited CODE}, {@code killed SIGNAL}, {@code exited, status unknown} or {@code no process}. */
    @Override
    public String toString() {
        switch (kind) {
            case EXITED:
                return "exited " + value;
            case KILLED:
                return "killed " + Signals.name(value);
            case UNKNOWN:
                return "exited, status unknown";
            default:
                return "no process";
        }
    }
}
