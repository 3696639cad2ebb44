package io.shimhost.core.internal;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.shimhost.api.ShimException;
import io.shimhost.api.StartFailedException;

import jnr.ffi.Runtime;

/**
 * Places a child in cgroup v1 hierarchies before its first instruction, without a gate: on cgroup
 * v1 a thread moves alone (its tid written to a cgroup's {@code tasks}), and a child starts in the
 * cgroups of the thread that spawned it. The launching thread joins the shim's cgroups for the spawn
 * and goes back to its own at once, through descriptors opened before it left them (a namespaced
 * launch may no longer see this host's cgroup mounts). Cgroup v2 moves whole processes only: a
 * cgroup with a v2 directory is placed by {@link CgroupPlacement}.
 *
 * <p>While the thread is in it, a cgroup's pids counter counts the thread too: an own cgroup's pids
 * limit is created one higher ({@link Cgroups}) and set to its value before the thread leaves, so
 * that the shim's processes are never more than the limit.
 */
final class ThreadPlacement {

    private static final Logger LOG = LoggerFactory.getLogger(ThreadPlacement.class);

    private final LibC libc;
    private final CgroupMounts mounts;

    ThreadPlacement(LibC libc, CgroupMounts mounts) {
        this.libc = libc;
        this.mounts = mounts;
    }

    /**
     * Runs a spawn on this thread while it is in the cgroup.
     *
     * @return the child's pid
     * @throws StartFailedException if the thread cannot join the cgroup: nothing was started
     */
    int spawn(ShimCgroup cgroup, CgroupPlacement.Spawn spawn) throws ShimException {
        byte[] tid = Long.toString(libc.syscall(LibC.SYS_GETTID, 0, 0, 0, 0)).getBytes(StandardCharsets.US_ASCII);
        List<Integer> home = openHome(cgroup);
        try {
            join(cgroup, tid, home);
            try {
                return spawn.run();
            } finally {
                cgroup.settlePidsLimit(libc);
                goHome(home, tid);
            }
        } finally {
            home.forEach(libc::close);
        }
    }

    /** The tasks file of this thread's own cgroup in each hierarchy of the shim's, opened for writing. */
    private List<Integer> openHome(ShimCgroup cgroup) throws ShimException {
        Map<String, String> paths = mounts.pathsOf(Path.of("/proc/thread-self"));
        List<Integer> home = new ArrayList<>();
        for (String h : cgroup.hierarchies()) {
            String tasks = mounts.directory(h, paths.getOrDefault(h, "/")).map(d -> d.resolve("tasks").toString()).orElse("");
            int fd = libc.open(tasks, LibC.O_WRONLY | LibC.O_CLOEXEC);
            if (fd < 0) {
                int errno = Runtime.getRuntime(libc).getLastError();
                home.forEach(libc::close);
                throw new StartFailedException(cgroup.path(), errno, "Cannot place the shim in its cgroup " + cgroup.path()
                        + ": the launching thread's own cgroup in the " + h + " hierarchy (" + tasks + ") cannot be opened: "
                        + libc.strerror(errno) + "; nothing was started");
            }
            home.add(fd);
        }
        return home;
    }

    private void join(ShimCgroup cgroup, byte[] tid, List<Integer> home) throws ShimException {
        for (String h : cgroup.hierarchies()) {
            Path tasks = cgroup.directory(h).orElseThrow().resolve("tasks");
            try {
                ShimCgroup.write(libc, tasks, tid);
            } catch (java.io.IOException e) {
                goHome(home, tid);
                throw new StartFailedException(cgroup.path(), LibC.EACCES, "Cannot place the shim in its cgroup "
                        + cgroup.path() + ": " + e.getMessage() + "; nothing was started");
            }
        }
    }

    /**
     * Back where the thread was; a hierarchy it never left is written to all the same, harmlessly. A
     * thread that cannot go back would start the next children in the shim's cgroup: the kernel does
     * not refuse a move to a cgroup the thread was in, so this is logged, never expected.
     */
    private void goHome(List<Integer> home, byte[] tid) {
        for (int fd : home) {
            if (libc.write(fd, tid, tid.length) != tid.length) {
                LOG.atError().addKeyValue("errno", Runtime.getRuntime(libc).getLastError()).log("The launching thread "
                        + "could not go back to its own cgroup after a spawn; later starts may run in a shim's cgroup");
            }
        }
    }
}
