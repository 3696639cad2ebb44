package io.shimhost.registry.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds a lock that another process holds on a folder, in {@code /proc/locks}: the kernel lists
 * every POSIX lock with its holder's pid and the locked inode, whatever became of the file's name.
 * A line names the inode only with its device, which the kernel and {@code stat} may number apart
 * (btrfs subvolumes), so a holder is confirmed by a descriptor of it that opens the folder.
 */
final class FolderLocks {

    private static final Path LOCKS = Path.of("/proc/locks");
    /** "1: POSIX  ADVISORY  READ 4242 08:01:1234 0 EOF": the pid, then major:minor:inode. */
    private static final Pattern LOCK = Pattern.compile("\\s(-?\\d+)\\s+\\p{XDigit}+:\\p{XDigit}+:(\\d+)\\s");

    private FolderLocks() {
    }

    /** @return the pid of another process that holds a lock on the folder ("?" when it is not visible here) */
    static Optional<String> heldByAnother(Path folder) throws IOException {
        long inode = (Long) Files.getAttribute(folder, "unix:ino", LinkOption.NOFOLLOW_LINKS);
        Path real = folder.toRealPath();
        long self = ProcessHandle.current().pid();
        for (String line : Files.readAllLines(LOCKS)) {
            Matcher m = LOCK.matcher(line);
            if (!m.find() || Long.parseLong(m.group(2)) != inode || !line.contains("POSIX")) {
                continue;
            }
            long pid = Long.parseLong(m.group(1));
            if (pid == self) {
                continue;
            }
            if (pid <= 0) {
                return Optional.of("? (in another pid namespace)");
            }
            if (hasOpen(pid, real)) {
                return Optional.of(Long.toString(pid));
            }
        }
        return Optional.empty();
    }

    private static boolean hasOpen(long pid, Path folder) {
        try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            List<Path> links = fds.toList();
            for (Path fd : links) {
                try {
                    if (Files.readSymbolicLink(fd).equals(folder)) {
                        return true;
                    }
                } catch (IOException e) {
                    // closed meanwhile
                }
            }
            return false;
        } catch (IOException e) {
            return false; // exited meanwhile: its locks are gone
        }
    }
}
