package io.shimhost.api;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The type of a shim, such as {@code kataShim}: the value of a {@link Shim} service's
 * {@value Shim#TYPE} property.
 *
 * <p>Any name matching {@code [A-Za-z][A-Za-z0-9._-]{0,63}} is a type; whether an implementation
 * is deployed for it is for the registry to say. Three names are well known from Kata Containers.
 */
public final class ShimType implements Comparable<ShimType> {

    /** The syntax of a shim type name. */
    public static final String SYNTAX = "[A-Za-z][A-Za-z0-9._-]{0,63}";

    private static final Pattern NAME = Pattern.compile(SYNTAX);

    /** Kata's {@code noopShim}: starts no process, reports pid 0. */
    public static final ShimType NOOP = new ShimType("noopShim");

    /** Kata's {@code kataShim}: runs the kata-shim binary. */
    public static final ShimType KATA = new ShimType("kataShim");

    /** Kata's {@code kataBuiltInShim}: the shim is built into the runtime, reports pid -1. */
    public static final ShimType KATA_BUILT_IN = new ShimType("kataBuiltInShim");

    private final String name;

    private ShimType(String name) {
        this.name = name;
    }

    /**
     * Returns the type named by a literal in code, such as {@code ShimType.of("myShim")}: a bad name
     * is a programming error there. Use {@link #parse(String)} for a name from input.
     *
     * @param name the name, matching {@value #SYNTAX}
     * @return the type
     * @throws IllegalArgumentException if the name is null or does not match the syntax
     */
    public static ShimType of(String name) {
        try {
            return parse(name);
        } catch (InvalidParameterException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /**
     * Returns the type with the given name.
     *
     * @param name the name, matching {@value #SYNTAX}
     * @return the type
     * @throws InvalidParameterException if the name is null or does not match the syntax
     */
    public static ShimType parse(String name) throws InvalidParameterException {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new InvalidParameterException("shim type", name,
                    "Invalid shim type \"" + name + "\": a name matches " + SYNTAX
                            + ", e.g. " + NOOP + ", " + KATA + " or " + KATA_BUILT_IN);
        }
        return new ShimType(name);
    }

    /**
     * Tells whether a string is a syntactically valid type name.
     *
     * @param name the candidate, may be null
     * @return true if {@link #parse(String)} would accept it
     */
    public static boolean isValid(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    /**
     * Returns the name.
     *
     * @return the name, never empty
     */
    public String name() {
        return name;
    }

    /**
     * Tells whether this is one of the three types Kata Containers defines.
     *
     * @return true for {@link #NOOP}, {@link #KATA} and {@link #KATA_BUILT_IN}
     */
    public boolean isWellKnown() {
        return equals(NOOP) || equals(KATA) || equals(KATA_BUILT_IN);
    }

    @Override
    public int compareTo(ShimType other) {
        return name.compareTo(other.name);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ShimType && ((ShimType) o).name.equals(name);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name);
    }

    /** Returns the name, as Kata's {@code ShimType.String()} does. */
    @Override
    public String toString() {
        return name;
    }
}
