package io.shimhost.api;

/**
 * A parameter, configuration key or argument is missing or has a bad value.
 */
public class InvalidParameterException extends ShimException {

    private static final long serialVersionUID = 1L;

    private final String parameter;
    private final transient Object value;

    /**
     * @param parameter the name of the parameter, e.g. {@code url} or {@code debug}
     * @param value the rejected value, may be null
     * @param message what is wrong, naming the parameter
     */
    public InvalidParameterException(String parameter, Object value, String message) {
        super(message);
        this.parameter = parameter;
        this.value = value;
    }

    /** @return the name of the bad parameter */
    public String parameter() {
        return parameter;
    }

    /** @return the rejected value, or null if there was none */
    public Object value() {
        return value;
    }
}
