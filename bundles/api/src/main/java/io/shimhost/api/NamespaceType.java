package io.shimhost.api;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * A kind of Linux namespace a shim can be started in, new or existing.
 */
public enum NamespaceType {
    /** Control group root: {@code CLONE_NEWCGROUP}. */
    CGROUP("cgroup", 0x02000000),
    /** System V IPC and POSIX message queues: {@code CLONE_NEWIPC}. */
    IPC("ipc", 0x08000000),
    /** Mount table: {@code CLONE_NEWNS}. */
    MNT("mnt", 0x00020000),
    /** Network stack: {@code CLONE_NEWNET}. */
    NET("net", 0x40000000),
    /** Process ids: {@code CLONE_NEWPID}. */
    PID("pid", 0x20000000),
    /** Boot and monotonic clocks: {@code CLONE_NEWTIME}. */
    TIME("time", 0x00000080),
    /** Host and domain name: {@code CLONE_NEWUTS}. */
    UTS("uts", 0x04000000);

    private final String procName;
    private final int cloneFlag;

    NamespaceType(String procName, int cloneFlag) {
        this.procName = procName;
        this.cloneFlag = cloneFlag;
    }

    /**
     * Returns the name used in {@code /proc/PID/ns/} and on the command line.
     *
     * @return the name, e.g. {@code net}
     */
    public String procName() {
        return procName;
    }

    /**
     * Returns the {@code CLONE_NEW*} flag of this type, as {@code unshare(2)} and {@code setns(2)}
     * take it.
     *
     * @return the flag
     */
    public int cloneFlag() {
        return cloneFlag;
    }

    /**
     * Returns the type with the given {@link #procName()}.
     *
     * @param name a name such as {@code net}
     * @return the type
     * @throws InvalidParameterException if no type has that name
     */
    public static NamespaceType parse(String name) throws InvalidParameterException {
        for (NamespaceType type : values()) {
            if (type.procName.equals(name)) {
                return type;
            }
        }
        throw new InvalidParameterException("namespace type", name, "Unknown namespace type \""
                + name + "\": expected one of " + Arrays.stream(values())
                        .map(NamespaceType::procName).collect(Collectors.joining(", ")));
    }

    @Override
    public String toString() {
        return procName;
    }
}
