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
 * else, in folders owned by root or this user that others cannot rename it out of (not writable by
 * others, or sticky like /tmp), both as named and as the links in the name lead; not on a kernel
 * interface (procfs, sysfs, cgroupfs, ...); the file, when it exists, must be a regular file of
 * root's or this user's, and is opened without following a link.
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
            requireNoPseudoFileSystem(file, folder);
            // whoever can change a folder above it can put another folder (or a link) in its place
            requireTrustedChain(file, folder.getParent());
            requireTrustedChain(file, folder.toRealPath().getParent());
            requireRegularOrMissing(file);
        } catch (NoSuchFileException e) {
            throw refused(file, "its folder " + folder + " does not exist");
        } catch (IOException e) {
            throw refused(file, e.toString());
        }
    }

    /** Kernel interfaces that look like files: writing there is not logging. */
    private static final Set<String> PSEUDO_FILE_SYSTEMS = Set.of("proc", "sysfs", "cgroup", "cgroup2", "debugfs",
            "tracefs", "securityfs", "devtmpfs", "devpts", "configfs", "bpf", "pstore", "efivarfs", "fusectl", "mqueue",
            "binfmt_misc", "autofs", "hugetlbfs", "rpc_pipefs", "nsfs");

    private static void requireNoPseudoFileSystem(Path file, Path folder) throws IOException, StartFailedException {
        String type = Files.getFileStore(folder).type();
        if (PSEUDO_FILE_SYSTEMS.contains(type)) {
            throw refused(file, "its folder " + folder + " is on " + type + ", a kernel interface, not a file system");
        }
    }

    /**
     * Every folder from {@code above} up to / is root's or this user's, and writable by no one else
     * (group root aside), unless sticky (then only an entry's owner may rename it). Links are
     * looked at, not followed: a link's own folder is the next one up.
     */
    private static void requireTrustedChain(Path file, Path above) throws IOException, StartFailedException {
        for (Path dir = above; dir != null; dir = dir.getParent()) {
            PosixFileAttributes a = Files.readAttributes(dir, PosixFileAttributes.class, NOFOLLOW);
            if (!trusted(a)) {
                throw refused(file, "the folder above it, " + dir + ", belongs to user " + a.owner().getName()
                        + ", who could put another folder in its place");
            }
            if (!a.isSymbolicLink() && writableByOthers(a, !a.group().getName().equals("root")) && !sticky(dir)) {
                throw refused(file, "the folder above it, " + dir + ", can be written by other users");
            }
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
        Object mode = Files.getAttribute(folder, "unix:mode", NOFOLLOW);
        return mode instanceof Integer && (((Integer) mode) & 01000) != 0;
    }

    private static StartFailedException refused(Path file, String why) {
        return new StartFailedException(file.toString(), 1, "Cannot write shim output to " + file + ": " + why);
    }
}
