package io.shimhost.registry.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The table's file in the state directory. Each write replaces the whole file: written to a
 * temporary file, forced to disk, renamed over the old one, and the directory forced, so a crash
 * leaves the old table or the new one. A lock file keeps a second framework out of the directory.
 */
final class TableFile implements AutoCloseable {

    static final String NAME = "shims.table";
    private static final String HEADER = "# shimhost shim table, format 1: CRC-32 of the line, then its fields";

    private final Path directory;
    private final Path file;
    private final FileChannel lockChannel;
    private final FileLock lock;

    private TableFile(Path directory, FileChannel lockChannel, FileLock lock) {
        this.directory = directory;
        this.file = directory.resolve(NAME);
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /**
     * Creates the directory if needed and takes its lock.
     *
     * @throws IOException if the directory cannot be used, or another framework holds it; the
     *         message names the directory
     */
    static TableFile open(Path directory) throws IOException {
        Files.createDirectories(directory);
        FileChannel channel = FileChannel.open(directory.resolve("shims.lock"), StandardOpenOption.CREATE,
                StandardOpenOption.READ, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            String holder = new String(Files.readAllBytes(directory.resolve("shims.lock")), StandardCharsets.US_ASCII)
                    .strip();
            channel.close();
            throw new IOException("The state directory " + directory + " is in use by another shimhost (pid "
                    + (holder.isEmpty() ? "?" : holder) + "): give each framework its own state.directory");
        }
        channel.truncate(0);
        channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)));
        return new TableFile(directory, channel, lock);
    }

    Path path() {
        return file;
    }

    /** The rows recovered, and what was dropped; when lines were dropped a copy of the file is kept. */
    record Loaded(List<ShimRow> rows, List<String> problems, Path copy) {
    }

    Loaded read() throws IOException {
        List<String> lines;
        try {
            lines = List.of(new String(Files.readAllBytes(file), StandardCharsets.UTF_8).split("\n", -1));
        } catch (NoSuchFileException e) {
            return new Loaded(List.of(), List.of(), null);
        }
        List<ShimRow> rows = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Set<String> tokens = new HashSet<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            try {
                ShimRow row = RowCodec.decode(line);
                if (!tokens.add(row.token())) {
                    throw new IllegalArgumentException("token " + row.token() + " recorded twice");
                }
                rows.add(row);
            } catch (IllegalArgumentException e) {
                problems.add("line " + (i + 1) + ": " + e.getMessage());
            }
        }
        Path copy = null;
        if (!problems.isEmpty()) {
            copy = directory.resolve(NAME + ".corrupt");
            Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING);
        }
        return new Loaded(rows, problems, copy);
    }

    void write(List<ShimRow> rows) throws IOException {
        StringBuilder text = new StringBuilder(HEADER).append('\n');
        for (ShimRow row : rows) {
            text.append(RowCodec.encode(row)).append('\n');
        }
        Path temporary = directory.resolve(NAME + ".tmp");
        try (FileChannel out = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer bytes = ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) {
                out.write(bytes);
            }
            out.force(true);
        }
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true); // the rename itself must survive a crash
        }
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            lockChannel.close();
        }
    }
}
