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
        CONSOLE,
        /** {@code /dev/null} for stdin; stdout and stderr appended to a log file. */
        LOG
    }

    private static final Stdio INHERIT = new Stdio(Kind.INHERIT, null);
    private static final Stdio DISCARD = new Stdio(Kind.DISCARD, null);

    private final Kind kind;
    private final Path file;

    private Stdio(Kind kind, Path file) {
        this.kind = kind;
        this.file = file;
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

    /**
     * @param file the log file, created if missing (0640); it must not be a symbolic link, and its
     *        folder must not be writable by other users
     * @return stdin on {@code /dev/null}, stdout and stderr appended to that file
     */
    public static Stdio log(Path file) {
        return new Stdio(Kind.LOG, Objects.requireNonNull(file, "file"));
    }

    /** @return the kind */
    public Kind kind() {
        return kind;
    }

    /** @return the console device for {@link Kind#CONSOLE}, else empty */
    public Optional<Path> consolePath() {
        return kind == Kind.CONSOLE ? Optional.of(file) : Optional.empty();
    }

    /** @return the log file for {@link Kind#LOG}, else empty */
    public Optional<Path> logPath() {
        return kind == Kind.LOG ? Optional.of(file) : Optional.empty();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Stdio && ((Stdio) o).kind == kind && Objects.equals(((Stdio) o).file, file);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, file);
    }

    @Override
    public String toString() {
        return file != null ? kind.name().toLowerCase(java.util.Locale.ROOT) + " " + file
                : kind.name().toLowerCase(java.util.Locale.ROOT);
    }
}
