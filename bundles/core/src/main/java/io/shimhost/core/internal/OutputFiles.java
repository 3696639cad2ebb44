package io.shimhost.core.internal;

import io.shimhost.api.StartFailedException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

/**
 * Where a shim's output may be written. shimhost runs as root: a log file in a folder that another
 * user can write could be swapped for a link to any file on the node just before the shim opens it.
 * So the file's folder must be a real folder, owned by root or this user and writable by no one
 * else, in folders that others cannot rename it out of (not writable by others, or sticky like
 * /tmp); the file, when it exists, must be a regular file of root's or this user's, and is opened
 * without following a link.
 */
final class OutputFiles {

    /** rw-r-----: the shim's output is the operator's to read, not every user's. */
    static final int MODE = 0640;

    private static final LinkOption[] NOFOLLOW = {LinkOption.NOFOLLOW_LINKS};

    private OutputFiles() {
    }

    static void requireSafe(Path file) throws StartFailedException {
        Path folder = file.getParent();
        if (!file.isAbsolute() || folder == null) {
            throw refused(file, "give an absolute path");
        }
        try {
            PosixFileAttributes own = Files.readAttributes(folder, PosixFileAttributes.class, NOFOLLOW);
            if (!own.isDirectory()) {
                throw refused(file, folder + " is not a folder" + (own.isSymbolicLink() ? " but a symbolic link" : ""));
            }
            if (!trusted(own) || writableByOthers(own, true)) {
                throw refused(file, "its folder " + folder + " can be written by users other than " + trustedUsers()
                        + ": use a folder only " + trustedUsers() + " can write (chmod go-w)");
            }
            for (Path above = folder.getParent(); above != null; above = above.getParent()) {
                PosixFileAttributes a = Files.readAttributes(above, PosixFileAttributes.class);
                if (writableByOthers(a, false) && !sticky(above)) {
                    throw refused(file, "the folder above it, " + above + ", can be written by other users");
                }
            }
            requireRegularOrMissing(file);
        } catch (NoSuchFileException e) {
            throw refused(file, "its folder " + folder + " does not exist");
        } catch (IOException e) {
            throw refused(file, e.toString());
        }
    }

    private static void requireRegularOrMissing(Path file) throws IOException, StartFailedException {
        PosixFileAttributes a;
        try {
            a = Files.readAttributes(file, PosixFileAttributes.class, NOFOLLOW);
        } catch (NoSuchFileException e) {
            return;
        }
        if (!a.isRegularFile()) {
            throw refused(file, "it exists and is not a regular file" + (a.isSymbolicLink() ? " but a symbolic link" : ""));
        }
        if (!trusted(a)) {
            throw refused(file, "it belongs to user " + a.owner().getName());
        }
    }

    /** @return {@code root}, or {@code root and USER} when the framework runs as another user */
    private static String trustedUsers() {
        String self = System.getProperty("user.name");
        return self.equals("root") ? "root" : "root and " + self;
    }

    private static boolean trusted(PosixFileAttributes a) {
        String owner = a.owner().getName();
        return owner.equals("root") || owner.equals(System.getProperty("user.name"));
    }

    private static boolean writableByOthers(PosixFileAttributes a, boolean groupToo) {
        Set<PosixFilePermission> p = a.permissions();
        return p.contains(PosixFilePermission.OTHERS_WRITE) || (groupToo && p.contains(PosixFilePermission.GROUP_WRITE));
    }

    private static boolean sticky(Path folder) throws IOException {
        Object mode = Files.getAttribute(folder, "unix:mode");
        return mode instanceof Integer && (((Integer) mode) & 01000) != 0;
    }

    private static StartFailedException refused(Path file, String why) {
        return new StartFailedException(file.toString(), 1, "Cannot write shim output to " + file + ": " + why);
    }
}
