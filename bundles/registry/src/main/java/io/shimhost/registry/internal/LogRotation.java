package io.shimhost.registry.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Rotates an output log that its shim keeps open for appending: its last {@code limit} bytes are
 * copied to {@code FILE.1} (written aside, then renamed over the old one) and the file is emptied
 * in place, so that the shim's next write lands at its new end. What the shim writes between the
 * copy and the emptying is lost, as with logrotate's copytruncate; so is everything before the
 * last {@code limit} bytes. Links are never followed.
 */
final class LogRotation {

    private LogRotation() {
    }

    /** @return whether the log was rotated */
    static boolean rotateIfOver(OutputLog log) throws IOException {
        if (!Files.isRegularFile(log.file(), LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        try (FileChannel live = FileChannel.open(log.file(), StandardOpenOption.READ, StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS)) {
            long size = live.size();
            if (size <= log.limit()) {
                return false;
            }
            Path aside = log.file().resolveSibling("." + log.file().getFileName() + ".1.tmp");
            Files.deleteIfExists(aside);
            try (FileChannel copy = FileChannel.open(aside, java.util.Set.of(StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS),
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r-----")))) {
                long from = size - log.limit();
                for (long done = 0; done < log.limit();) {
                    long n = live.transferTo(from + done, log.limit() - done, copy);
                    if (n <= 0) {
                        break;
                    }
                    done += n;
                }
            }
            Files.move(aside, log.rotated(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            live.truncate(0);
            return true;
        }
    }
}
