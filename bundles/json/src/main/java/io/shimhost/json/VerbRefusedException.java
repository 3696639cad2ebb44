package io.shimhost.json;

/**
 * A verb refused for what the shim is, not for a fault of the node: no such shim, or one in a state the
 * verb does not apply to. Each adapter answers it its own way (the HTTP API 404 or 409).
 */
public final class VerbRefusedException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Why a verb was refused. */
    public enum Reason {
        /** No shim has the id. */
        NOT_FOUND,
        /** The shim's state does not allow the verb. */
        CONFLICT
    }

    private final Reason reason;

    /**
     * @param reason why
     * @param message one line naming the shim and what to do
     */
    public VerbRefusedException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    /** @return why the verb was refused */
    public Reason reason() {
        return reason;
    }
}
