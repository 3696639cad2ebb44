package io.shimhost.api;

/**
 * A namespace could not be created, opened, checked or entered. Nothing was changed.
 */
public class NamespaceException extends ShimException {

    private static final long serialVersionUID = 1L;

    private final NamespaceType type;
    private final String path;

    /**
     * @param type the namespace type involved
     * @param path the namespace file involved, or null when creating one
     * @param message what failed, naming the type and path
     */
    public NamespaceException(NamespaceType type, String path, String message) {
        super(message);
        this.type = type;
        this.path = path;
    }

    /** @return the namespace type */
    public NamespaceType type() {
        return type;
    }

    /** @return the namespace file, or null */
    public String path() {
        return path;
    }
}
