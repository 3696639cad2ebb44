package io.shimhost.core.internal;

import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import io.shimhost.api.NamespaceException;
import io.shimhost.api.NamespaceRef;
import io.shimhost.api.NamespaceType;
import io.shimhost.api.ProcessSpec;
import io.shimhost.api.ShimException;
import io.shimhost.api.StartFailedException;

import jnr.ffi.Runtime;

/**
 * A start in new or existing namespaces. Namespaces belong to threads: a thread that exists for
 * this one start enters the existing namespaces (setns), creates the new ones (unshare), spawns
 * the child, which inherits them, and ends; no other thread of the JVM ever changes namespace, and
 * a failure half-way changes nothing anyone else sees. The namespace files are all opened and
 * checked before the first switch. That thread creates no thread: after unshare(CLONE_NEWPID) it
 * could not (jnr's own thread was started when the process service was made). Run on the
 * {@link SpawnThread}, so that the launch thread shares that thread's small descriptor table, not
 * the JVM's (the spawn would copy it).
 */
final class NamespacedLaunch {

    private final LibC libc;
    private final Spawner spawner;

    NamespacedLaunch(LibC libc, Spawner spawner) {
        this.libc = libc;
        this.spawner = spawner;
    }

    static boolean needed(ProcessSpec spec) {
        return !spec.createNamespaces().isEmpty() || !spec.enterNamespaces().isEmpty();
    }

    int spawn(ProcessSpec spec) throws ShimException {
        return spawn(spec, null, null, null);
    }

    /**
     * @param cgroup the cgroup to place the child in, or null
     * @param placement what places it there when it has a cgroup v2 directory; null when cgroup is
     * @param joining what places it there otherwise: the launch thread joins it before it enters namespaces
     */
    int spawn(ProcessSpec spec, ShimCgroup cgroup, CgroupPlacement placement, ThreadPlacement joining)
            throws ShimException {
        refuseWhatTheKernelForbids(spec);
        if (cgroup != null && !cgroup.placedByThread()
                && spec.enterNamespaces().stream().anyMatch(r -> r.type() == NamespaceType.MNT)) {
            throw new NamespaceException(NamespaceType.MNT, null, "A start in an existing mount namespace cannot have a "
                    + "cgroup (" + cgroup.path() + "): the child is placed through this host's /proc, which that "
                    + "namespace may not have; start it in the framework's cgroup, or create a new mount namespace");
        }
        try (NamespaceFiles files = NamespaceFiles.open(libc, spec.enterNamespaces())) {
            if (cgroup != null && !cgroup.placedByThread()) {
                return placement.spawn(cgroup, () -> switchAndSpawn(spec, files, placement.childPath()));
            }
            AtomicReference<Object> outcome = new AtomicReference<>();
            Thread launcher = new Thread(() -> {
                try {
                    outcome.set(cgroup == null ? switchAndSpawn(spec, files, null)
                            : joining.spawn(cgroup, () -> switchAndSpawn(spec, files, null)));
                } catch (ShimException | RuntimeException e) {
                    outcome.set(e);
                }
            }, "shimhost-namespaced-launch");
            launcher.start();
            Uninterruptibly.join(launcher);
            Object result = outcome.get();
            if (result instanceof ShimException) {
                throw (ShimException) result;
            }
            if (result instanceof RuntimeException) {
                throw (RuntimeException) result;
            }
            return (Integer) result;
        }
    }

    /** Runs on the launch thread only. */
    private int switchAndSpawn(ProcessSpec spec, NamespaceFiles files, String gate) throws ShimException {
        Runtime runtime = Runtime.getRuntime(libc);
        boolean mount = spec.createNamespaces().contains(NamespaceType.MNT)
                || files.opened().stream().anyMatch(o -> o.type() == NamespaceType.MNT);
        // a thread sharing fs state with the JVM would move the whole JVM's root and working directory
        if (mount && libc.unshare(LibC.CLONE_FS) != 0) {
            throw new NamespaceException(NamespaceType.MNT, null, "Cannot give the launch its own fs state: "
                    + libc.strerror(runtime.getLastError()));
        }
        for (NamespaceFiles.Opened o : files.opened()) {
            if (libc.setns(o.fd(), o.type().cloneFlag()) != 0) {
                throw new NamespaceException(o.type(), o.path(), "Cannot enter the " + o.type() + " namespace "
                        + o.path() + ": " + libc.strerror(runtime.getLastError()));
            }
        }
        int create = 0;
        for (NamespaceType type : spec.createNamespaces()) {
            create |= type.cloneFlag();
        }
        if (create != 0 && libc.unshare(create) != 0) {
            int errno = runtime.getLastError();
            throw new NamespaceException(spec.createNamespaces().iterator().next(), null, "Cannot create "
                    + spec.createNamespaces() + " namespaces: " + libc.strerror(errno)
                    + (errno == 1 ? " (creating namespaces needs CAP_SYS_ADMIN)" : ""));
        }
        try {
            return spawner.spawn(spec, gate);
        } catch (StartFailedException e) {
            if (e.errno() == LibC.ENOMEM && entersPid(files)) {
                throw new NamespaceException(NamespaceType.PID, pidPath(files), "Cannot start "
                        + spec.argv().get(0) + " in the pid namespace " + pidPath(files)
                        + ": its first process has exited, so no process can start in it any more");
            }
            throw e;
        }
    }

    private static boolean entersPid(NamespaceFiles files) {
        return files.opened().stream().anyMatch(o -> o.type() == NamespaceType.PID);
    }

    private static String pidPath(NamespaceFiles files) {
        return files.opened().stream().filter(o -> o.type() == NamespaceType.PID).map(NamespaceFiles.Opened::path)
                .findFirst().orElse("?");
    }

    /**
     * Joining a time namespace fails with EUSERS from a multi-threaded process, and a user namespace
     * can be neither joined nor created by one: refused here, before anything is touched.
     */
    static void refuseWhatTheKernelForbids(ProcessSpec spec) throws NamespaceException {
        Set<NamespaceType> entered = EnumSet.noneOf(NamespaceType.class);
        for (NamespaceRef ref : spec.enterNamespaces()) {
            if (ref.type() == NamespaceType.TIME) {
                throw new NamespaceException(NamespaceType.TIME, ref.path().toString(), "Entering an existing time "
                        + "namespace (" + ref.path() + ") is refused: the kernel lets only a single-threaded process "
                        + "join one (EUSERS), and the JVM has many threads; creating a new one (--new-ns time) works");
            }
            if (!entered.add(ref.type())) {
                throw new NamespaceException(ref.type(), ref.path().toString(), "The " + ref.type()
                        + " namespace is given twice to enter; give one");
            }
            if (spec.createNamespaces().contains(ref.type())) {
                throw new NamespaceException(ref.type(), ref.path().toString(), "The " + ref.type()
                        + " namespace is both to create and to enter; choose one");
            }
        }
    }
}
