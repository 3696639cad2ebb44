package io.shimhost.api;

import java.util.List;
import java.util.stream.Collectors;

/**
 * No shim of the requested type is deployed. Kata fell back to {@code noopShim}; shimhost says so.
 */
public class UnknownShimTypeException extends ShimException {

    private static final long serialVersionUID = 1L;

    private final String type;
    private final List<String> deployed;

    /**
     * @param type the requested type
     * @param deployed the types that are deployed now
     */
    public UnknownShimTypeException(ShimType type, List<ShimType> deployed) {
        super("Unknown shim type \"" + type + "\": no bundle provides it; deployed types: "
                + (deployed.isEmpty() ? "none" : deployed.stream().map(ShimType::name).collect(Collectors.joining(", "))));
        this.type = type.name();
        this.deployed = deployed.stream().map(ShimType::name).collect(Collectors.toUnmodifiableList());
    }

    /** @return the requested type's name */
    public String type() {
        return type;
    }

    /** @return the names of the types deployed when the start was refused */
    public List<String> deployed() {
        return deployed;
    }
}
