package io.shimhost.api;

import java.nio.file.Path;
import java.util.Objects;

/**
 * An existing namespace to enter: its type and either a path to a namespace file (on nsfs or
 * procfs) or the pid of a process whose namespace of that type is meant
 * ({@code /proc/PID/ns/TYPE}).
 */
public final class NamespaceRef {

    private final NamespaceType type;
    private final Path path;
    private final long pid;

    private NamespaceRef(NamespaceType type, Path path, long pid) {
        this.type = type;
        this.path = path;
        this.pid = pid;
    }

    /**
     * Refers to a namespace by the path of its file.
     *
     * @param type the namespace type
     * @param path the namespace file, e.g. {@code /run/netns/blue}; not empty
     * @return the reference
     * @throws InvalidParameterException if the type is null or the path null or empty
     */
    public static NamespaceRef ofPath(NamespaceType type, Path path) throws InvalidParameterException {
        requireType(type);
        if (path == null || path.toString().isEmpty()) {
            throw new InvalidParameterException("namespace path", path,
                    "Namespace path cannot be empty for a " + type + " namespace");
        }
        return new NamespaceRef(type, path, 0);
    }

    /**
     * Refers to the namespace of a type that a process is in.
     *
     * @param type the namespace type
     * @param pid the process, greater than zero
     * @return the reference
     * @throws InvalidParameterException if the type is null or the pid not positive
     */
    public static NamespaceRef ofPid(NamespaceType type, long pid) throws InvalidParameterException {
        requireType(type);
        if (pid <= 0) {
            throw new InvalidParameterException("namespace pid", pid,
                    "Invalid pid " + pid + " for a " + type + " namespace: a pid is greater than 0");
        }
        return new NamespaceRef(type, null, pid);
    }

    private static void requireType(NamespaceType type) throws InvalidParameterException {
        if (type == null) {
            throw new InvalidParameterException("namespace type", null, "Namespace type cannot be null");
        }
    }

    /**
     * Returns the namespace type.
     *
     * @return the type
     */
    public NamespaceType type() {
        return type;
    }

    /**
     * Returns the pid this reference was made from.
     *
     * @return the pid, or 0 when the reference was made from a path
     */
    public long pid() {
        return pid;
    }

    /**
     * Returns the file of the namespace: the given path, or {@code /proc/PID/ns/TYPE}.
     *
     * @return the path
     */
    public Path path() {
        return path != null ? path : Path.of("/proc", Long.toString(pid), "ns", type.procName());
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof NamespaceRef)) {
            return false;
        }
        NamespaceRef other = (NamespaceRef) o;
        return type == other.type && pid == other.pid && Objects.equals(path, other.path);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, path, pid);
    }

    /** Returns {@code TYPE=PATH} or {@code TYPE=pid:PID}, the form the shell accepts. */
    @Override
    public String toString() {
        return type + "=" + (path != null ? path.toString() : "pid:" + pid);
    }
}
