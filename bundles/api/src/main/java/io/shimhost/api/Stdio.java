package io.shimhost.api;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a launched process's stdin, stdout and stderr go.
 */
public final class Stdio {

    /** The kind of stdio. */
    public enum Kind {
        /** The framework's own descriptors 0, 1 and 2. */
        INHERIT,
        /** {@code /dev/null} for all three. */
        DISCARD,
        /** A console device, opened read-write, for all three. */
        CONSOLE
    }

    private static final Stdio INHERIT = new Stdio(Kind.INHERIT, null);
    private static final Stdio DISCARD = new Stdio(Kind.DISCARD, null);

    private final Kind kind;
    private final Path console;

    private Stdio(Kind kind, Path console) {
        this.kind = kind;
        this.console = console;
    }

    /** @return stdio shared with the framework */
    public static Stdio inherit() {
        return INHERIT;
    }

    /** @return stdio on {@code /dev/null} */
    public static Stdio discard() {
        return DISCARD;
    }

    /**
     * @param device the console device, e.g. a pty slave
     * @return stdio on that console
     */
    public static Stdio console(Path device) {
        return new Stdio(Kind.CONSOLE, Objects.requireNonNull(device, "device"));
    }

    /** @return the kind */
    public Kind kind() {
        return kind;
    }

    /** @return the console device for {@link Kind#CONSOLE}, else empty */
    public Optional<Path> consolePath() {
        return Optional.ofNullable(console);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Stdio && ((Stdio) o).kind == kind && Objects.equals(((Stdio) o).console, console);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, console);
    }

    @Override
    public String toString() {
        return kind == Kind.CONSOLE ? "console " + console : kind.name().toLowerCase(java.util.Locale.ROOT);
    }
}
