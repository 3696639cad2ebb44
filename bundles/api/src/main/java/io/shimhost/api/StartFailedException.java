package io.shimhost.api;

/**
 * A process could not be started: the binary or the console is missing, not executable, or the
 * kernel refused. Nothing is left running.
 */
public class StartFailedException extends ShimException {

    private static final long serialVersionUID = 1L;

    private final String path;
    private final int errno;

    /**
     * @param path the binary or console that failed
     * @param errno the error number, or 0 if none applies
     * @param message what failed, naming the path and the error
     */
    public StartFailedException(String path, int errno, String message) {
        super(message);
        this.path = path;
        this.errno = errno;
    }

    /** @return the path that failed */
    public String path() {
        return path;
    }

    /** @return the error number, or 0 */
    public int errno() {
        return errno;
    }
}
