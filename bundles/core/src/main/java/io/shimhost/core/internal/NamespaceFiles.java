package io.shimhost.core.internal;

import java.util.ArrayList;
import java.util.List;

import io.shimhost.api.NamespaceException;
import io.shimhost.api.NamespaceRef;
import io.shimhost.api.NamespaceType;

import jnr.ffi.Memory;
import jnr.ffi.Pointer;
import jnr.ffi.Runtime;

/**
 * The namespaces a launch enters, opened and checked before anything is switched: each file must
 * be a namespace (on nsfs, or a /proc/PID/ns link) of the stated type. Closing closes them all.
 */
final class NamespaceFiles implements AutoCloseable {

    /** An open namespace file and its type. */
    record Opened(NamespaceType type, int fd, String path) {
    }

    private final LibC libc;
    private final List<Opened> opened = new ArrayList<>();

    private NamespaceFiles(LibC libc) {
        this.libc = libc;
    }

    /** Opens every reference, or none: on the first bad one the others are closed again. */
    static NamespaceFiles open(LibC libc, List<NamespaceRef> refs) throws NamespaceException {
        NamespaceFiles files = new NamespaceFiles(libc);
        try {
            for (NamespaceRef ref : refs) {
                files.opened.add(files.openOne(ref));
            }
            return files;
        } catch (NamespaceException | RuntimeException e) {
            files.close();
            throw e;
        }
    }

    List<Opened> opened() {
        return opened;
    }

    private Opened openOne(NamespaceRef ref) throws NamespaceException {
        Runtime runtime = Runtime.getRuntime(libc);
        String path = ref.path().toString();
        int fd = libc.open(path, LibC.O_RDONLY | LibC.O_CLOEXEC);
        if (fd < 0) {
            int errno = runtime.getLastError();
            String why = errno == LibC.ENOENT && ref.pid() > 0 ? "there is no process " + ref.pid()
                    : libc.strerror(errno);
            throw new NamespaceException(ref.type(), path, "Cannot open the " + ref.type() + " namespace " + path
                    + ": " + why);
        }
        try {
            check(ref, path, fd, runtime);
            return new Opened(ref.type(), fd, path);
        } catch (NamespaceException e) {
            libc.close(fd);
            throw e;
        }
    }

    private void check(NamespaceRef ref, String path, int fd, Runtime runtime) throws NamespaceException {
        Pointer statfs = Memory.allocateDirect(runtime, LibC.STATFS_SIZE);
        if (libc.fstatfs(fd, statfs) != 0) {
            throw new NamespaceException(ref.type(), path, "Cannot check " + path + ": "
                    + libc.strerror(runtime.getLastError()));
        }
        long magic = statfs.getLong(0);
        if (magic != LibC.NSFS_MAGIC && magic != LibC.PROC_SUPER_MAGIC) {
            throw new NamespaceException(ref.type(), path, path + " is not a namespace file: it must be on nsfs "
                    + "or procfs (such as /proc/PID/ns/" + ref.type() + ")");
        }
        int actual = libc.ioctl(fd, LibC.NS_GET_NSTYPE);
        if (actual < 0) {
            throw new NamespaceException(ref.type(), path, path + " is not a namespace file");
        }
        if (actual != ref.type().cloneFlag()) {
            String named = typeOf(actual);
            throw new NamespaceException(ref.type(), path, path + " is " + (named == null ? "another kind of"
                    : "a " + named) + " namespace, not a " + ref.type() + " namespace");
        }
    }

    private static String typeOf(int flag) {
        for (NamespaceType t : NamespaceType.values()) {
            if (t.cloneFlag() == flag) {
                return t.procName();
            }
        }
        return flag == 0x10000000 ? "user" : null;
    }

    @Override
    public void close() {
        for (Opened o : opened) {
            libc.close(o.fd());
        }
        opened.clear();
    }
}
