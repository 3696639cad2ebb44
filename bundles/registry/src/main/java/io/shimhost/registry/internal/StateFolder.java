package io.shimhost.registry.internal;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * The registry's state folder, held for one framework. Whoever can write it decides what shimhost,
 * running as root, records and signals, so it is refused when it is a symbolic link, group- or
 * world-writable, or owned by another user; it is created 0700 and its files 0600; no name in it
 * is ever followed as a link, and temporary files are created exclusively.
 *
 * <p>The hold is two locks. {@code shims.lock} (an exclusive lock, the holder's pid inside)
 * orders frameworks that start at the same moment. The folder itself carries a shared lock for as
 * long as it is held; a framework that finds such a lock by another process in {@code /proc/locks}
 * refuses the folder, so removing or replacing {@code shims.lock} lets no second framework in.
 * POSIX locks end when any descriptor of the file is closed in the process: the folder is opened
 * once, and its descriptor is the one used to force renames to disk.
 */
final class StateFolder implements AutoCloseable {

    static final String LOCK = "shims.lock";
    /** No line shimhost writes comes near this; a longer one is skipped unread, as damaged. */
    static final int MAX_LINE_BYTES = 1 << 20;

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OTHERS_WRITE = EnumSet.of(PosixFilePermission.GROUP_WRITE,
            PosixFilePermission.OTHERS_WRITE);

    private final Path directory;
    private final FileChannel lockChannel;
    private final FileChannel folderChannel;

    private StateFolder(Path directory, FileChannel lockChannel, FileChannel folderChannel) {
        this.directory = directory;
        this.lockChannel = lockChannel;
        this.folderChannel = folderChannel;
    }

    /**
     * Creates the folder if needed (0700), checks it and takes it for this framework.
     *
     * @throws IOException naming the folder and the fix, if it is unsafe or another framework holds it
     */
    static StateFolder open(Path directory) throws IOException {
        createIfMissing(directory);
        requireSafe(directory);
        FileChannel lockChannel = openLockFile(directory);
        try {
            if (lockChannel != null) {
                lockOrRefuse(directory, lockChannel);
            } else {
                refuseIfHeld(directory); // read-only: nobody writes here, but two holders would still mislead
            }
            FileChannel folder = FileChannel.open(directory, StandardOpenOption.READ);
            try {
                folder.lock(0, Long.MAX_VALUE, true);
                writeHolder(lockChannel);
                return new StateFolder(directory, lockChannel, folder);
            } catch (IOException | RuntimeException e) {
                folder.close();
                throw e;
            }
        } catch (IOException | RuntimeException e) {
            if (lockChannel != null) {
                lockChannel.close();
            }
            throw e;
        }
    }

    /** The holder's pid, for whoever finds the folder in use; a full disk keeps it out, not the holder. */
    private static void writeHolder(FileChannel lockChannel) {
        if (lockChannel == null) {
            return;
        }
        try {
            lockChannel.truncate(0);
            lockChannel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)));
        } catch (IOException e) {
            // the locks hold the folder; the pid in the file is for people
        }
    }

    /** @return whether the folder can be written: false on a read-only file system */
    boolean writable() {
        return lockChannel != null;
    }

    Path directory() {
        return directory;
    }

    /** Receives the lines of a file, one at a time. */
    interface LineSink {
        /**
         * @param number the line's number, from 1
         * @param line the line without its newline, or null when it was longer than {@link #MAX_LINE_BYTES}
         *        (its bytes were skipped, never held)
         */
        void line(int number, String line);
    }

    /**
     * Reads a file of the folder line by line, never through a link, holding one line at a time: a
     * table of any size that was written can be read back.
     *
     * @return false if the file is missing
     * @throws IOException naming the file, if it is not a regular file
     */
    boolean readLines(String name, LineSink sink) throws IOException {
        Path file = directory.resolve(name);
        try {
            requireRegular(file, Files.readAttributes(file, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS));
        } catch (NoSuchFileException e) {
            return false;
        }
        try (InputStream in = new BufferedInputStream(Channels.newInputStream(
                FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)), 1 << 16)) {
            BoundedLines.read(in, MAX_LINE_BYTES, sink);
        }
        return true;
    }

    /** Receives a stream to write a file's new content to. */
    interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * Replaces a file of the folder atomically: written to {@code NAME.tmp} (created exclusively,
     * 0600, whatever was planted there removed first), forced, renamed over the file, and the
     * folder forced, so a crash leaves the old content or the new one.
     */
    void replace(String name, byte[] content) throws IOException {
        replace(name, out -> out.write(content));
    }

    /** Replaces a file of the folder atomically, as above, with content written as a stream. */
    void replace(String name, Content content) throws IOException {
        Path temporary = directory.resolve(name + ".tmp");
        Files.deleteIfExists(temporary); // a link is removed, never followed
        try (FileChannel out = FileChannel.open(temporary, Set.<OpenOption>of(StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS), PosixFilePermissions.asFileAttribute(OWNER_ONLY))) {
            OutputStream stream = new BufferedOutputStream(Channels.newOutputStream(out), 1 << 16);
            content.writeTo(stream);
            stream.flush();
            out.force(true);
        } catch (FileAlreadyExistsException e) {
            throw new IOException("Cannot write " + temporary + ": something created it at the same moment", e);
        }
        Files.move(temporary, directory.resolve(name), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        folderChannel.force(true); // the rename itself must survive a crash
    }

    /** Replaces {@code target} atomically with a copy of {@code source}, neither followed as a link. */
    void copy(String source, String target) throws IOException {
        try (InputStream in = Channels.newInputStream(FileChannel.open(directory.resolve(source),
                StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS))) {
            replace(target, out -> in.transferTo(out));
        }
    }

    /**
     * Opens a file of the folder for appending (created 0600 when missing), never through a link.
     *
     * @throws IOException naming the file, if it is not a regular file
     */
    FileChannel openForAppend(String name) throws IOException {
        Path file = directory.resolve(name);
        try {
            requireRegular(file, Files.readAttributes(file, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS));
        } catch (NoSuchFileException e) {
            // created below
        }
        return FileChannel.open(file, Set.<OpenOption>of(StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND, LinkOption.NOFOLLOW_LINKS), PosixFilePermissions.asFileAttribute(OWNER_ONLY));
    }

    @Override
    public void close() throws IOException {
        try {
            if (lockChannel != null) {
                lockChannel.close(); // releases the lock
            }
        } finally {
            folderChannel.close();
        }
    }

    private static void createIfMissing(Path directory) throws IOException {
        if (Files.exists(directory, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Path parent = directory.getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try {
            Files.createDirectory(directory, PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rwx------")));
        } catch (FileAlreadyExistsException e) {
            // made at the same moment by someone else: checked below like any existing folder
        }
    }

    /** @return why the folder is no longer safe to keep the table in (changed since it was opened), if it is not */
    Optional<String> unsafe() {
        try {
            requireSafe(directory);
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.of(e.getMessage());
        }
    }

    private static void requireSafe(Path directory) throws IOException {
        PosixFileAttributes attributes = Files.readAttributes(directory, PosixFileAttributes.class,
                LinkOption.NOFOLLOW_LINKS);
        if (attributes.isSymbolicLink()) {
            throw new IOException("The state directory " + directory + " is a symbolic link: name the real folder "
                    + "(" + directory.toRealPath() + ")");
        }
        if (!attributes.isDirectory()) {
            throw new IOException("The state directory " + directory + " is not a directory: move it away or name "
                    + "another folder");
        }
        int owner = (Integer) Files.getAttribute(directory, "unix:uid", LinkOption.NOFOLLOW_LINKS);
        // /proc/self is a link owned by root; the folder it names, /proc/PID, is owned by the process's effective uid
        int self = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        if (owner != self) {
            throw new IOException("The state directory " + directory + " is owned by uid " + owner + ", not by "
                    + "shimhost's user (uid " + self + "): chown " + self + " " + directory);
        }
        if (attributes.permissions().stream().anyMatch(OTHERS_WRITE::contains)) {
            throw new IOException("The state directory " + directory + " is writable by others ("
                    + PosixFilePermissions.toString(attributes.permissions()) + "): whoever writes it steers what "
                    + "shimhost signals; chmod 700 " + directory);
        }
    }

    /** @return the lock file, open for writing; null on a read-only file system */
    private static FileChannel openLockFile(Path directory) throws IOException {
        Path lock = directory.resolve(LOCK);
        try {
            requireRegular(lock, Files.readAttributes(lock, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS));
        } catch (NoSuchFileException e) {
            // created below
        }
        FileChannel channel;
        try {
            channel = FileChannel.open(lock, Set.<OpenOption>of(StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS), PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        } catch (java.nio.file.FileSystemException e) {
            if (readOnlyFileSystem(directory)) {
                return null;
            }
            throw e;
        }
        try {
            Files.setPosixFilePermissions(lock, OWNER_ONLY); // one made by an older shimhost was 0644
        } catch (IOException e) {
            // a full disk: the mode of an existing file is a nicety
        }
        return channel;
    }

    private static boolean readOnlyFileSystem(Path directory) {
        try {
            return Files.getFileStore(directory).isReadOnly();
        } catch (IOException e) {
            return false;
        }
    }

    private static void refuseIfHeld(Path directory) throws IOException {
        Optional<String> other = FolderLocks.heldByAnother(directory);
        if (other.isPresent()) {
            throw inUse(directory, other.get());
        }
    }

    private static void lockOrRefuse(Path directory, FileChannel lockChannel) throws IOException {
        FileLock lock;
        try {
            lock = lockChannel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            String holder = new String(Files.readAllBytes(directory.resolve(LOCK)), StandardCharsets.US_ASCII).strip();
            throw inUse(directory, holder.isEmpty() ? "?" : holder);
        }
        Optional<String> other = FolderLocks.heldByAnother(directory);
        if (other.isPresent()) {
            throw inUse(directory, other.get());
        }
    }

    private static IOException inUse(Path directory, String holder) {
        return new IOException("The state directory " + directory + " is in use by another shimhost (pid " + holder
                + "): give each framework its own state.directory");
    }

    private static void requireRegular(Path file, PosixFileAttributes attributes) throws IOException {
        if (!attributes.isRegularFile()) {
            String kind = attributes.isSymbolicLink() ? "a symbolic link" : attributes.isDirectory() ? "a directory"
                    : "a special file (a fifo, socket or device)";
            throw new IOException(file + " is " + kind + ", not a regular file: move it away");
        }
    }
}
