package io.shimhost.api;

/**
 * The base of every checked exception shimhost throws. The message names the bad value and,
 * where there is one, what to do about it.
 */
public class ShimException extends Exception {

    private static final long serialVersionUID = 1L;

    /** @param message what went wrong, naming the value */
    public ShimException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong, naming the value
     * @param cause the underlying failure
     */
    public ShimException(String message, Throwable cause) {
        super(message, cause);
    }
}
