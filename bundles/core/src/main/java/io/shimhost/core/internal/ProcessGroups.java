package io.shimhost.core.internal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The members of a process group, found in /proc (field 5 of each process's stat), each signalled
 * through a pidfd opened for it and checked again after: a pid that changed hands between the scan and
 * the pidfd is either still in the group or left alone.
 */
final class ProcessGroups {

    private static final int PASSES = 3;

    private ProcessGroups() {
    }

    /** SIGKILL to every member of {@code group} but its leader; a few passes, for members forked meanwhile. */
    static void killMembers(LibC libc, long group) {
        for (int pass = 0; pass < PASSES; pass++) {
            boolean found = false;
            try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), p -> isPid(p.getFileName().toString()))) {
                for (Path proc : procs) {
                    long pid = Long.parseLong(proc.getFileName().toString());
                    if (pid != group && ProcessStat.processGroup(pid).orElse(-1) == group) {
                        found |= kill(libc, pid, group);
                    }
                }
            } catch (IOException e) {
                return; // no /proc: nothing more can be found
            }
            if (!found) {
                return;
            }
        }
    }

    private static boolean kill(LibC libc, long pid, long group) {
        return killIf(libc, pid, p -> ProcessStat.processGroup(p).orElse(-1) == group);
    }

    /**
     * SIGKILL through a pidfd opened for the pid, if the process it holds still belongs where it was
     * found (its group, its cgroup): checked after the pidfd is open, so a pid that changed hands
     * meanwhile is left alone.
     *
     * @return whether the signal was sent
     */
    static boolean killIf(LibC libc, long pid, java.util.function.LongPredicate stillMember) {
        if (pid == ProcessHandle.current().pid()) {
            return false; // the JVM, whose launching thread sits in a shim's v1 cgroup for the moment of a spawn
        }
        long pidfd = libc.syscall(LibC.SYS_PIDFD_OPEN, pid, 0, 0, 0);
        if (pidfd < 0) {
            return false; // gone meanwhile
        }
        try {
            return stillMember.test(pid) && libc.syscall(LibC.SYS_PIDFD_SEND_SIGNAL, pidfd, 9, 0, 0) == 0;
        } finally {
            libc.close((int) pidfd);
        }
    }

    private static boolean isPid(String name) {
        return !name.isEmpty() && name.chars().allMatch(Character::isDigit);
    }
}
