package io.shimhost.registry.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The table's files in the state folder: the checkpoint {@code shims.table}, the whole table as of
 * some moment, and the journal {@code shims.journal}, every change since, appended one line each
 * (a row as it is now, or {@code forget=TOKEN}), with the checkpoint's line format and CRC. A change
 * costs one append and one sync, whatever the size of the table. Compaction writes a new
 * checkpoint atomically ({@link StateFolder#replace}) and then empties the journal: a crash between
 * the two leaves a journal whose changes the checkpoint holds already, and replaying them again
 * gives the same table. A line torn by a crash fails its CRC and is reported and skipped. The
 * folder is held for this framework while the table is open.
 */
final class TableFile implements AutoCloseable {

    static final String NAME = "shims.table";
    static final String JOURNAL = "shims.journal";
    private static final String HEADER = "# shimhost shim table, format 1: CRC-32 of the line, then its fields";

    private final StateFolder folder;
    private final Path file;
    private final FileChannel journal;
    private long journalLines;

    private TableFile(StateFolder folder, FileChannel journal) {
        this.folder = folder;
        this.file = folder.directory().resolve(NAME);
        this.journal = journal;
    }

    /**
     * Creates the folder if needed, checks it and takes it.
     *
     * @throws IOException if the folder cannot be used, or another framework holds it; the
     *         message names the folder
     */
    static TableFile open(Path directory) throws IOException {
        StateFolder folder = StateFolder.open(directory);
        try {
            return new TableFile(folder, folder.writable() ? folder.openForAppend(JOURNAL) : null);
        } catch (IOException | RuntimeException e) {
            folder.close();
            throw e;
        }
    }

    Path path() {
        return file;
    }

    /** @return why its folder is no longer safe, if it is not */
    Optional<String> unsafeFolder() {
        return folder.unsafe();
    }

    /** @return the lines appended to the journal since the last checkpoint (or found there at the read) */
    long journalLines() {
        return journalLines;
    }

    /**
     * The rows recovered, oldest first, what was dropped, and the lines the journal held; when
     * lines were dropped a copy of each damaged file is kept. {@code salvaged}: starts to look for by
     * the launch ids damaged lines still show ({@link Salvage}), kept only if their process is found.
     */
    record Loaded(List<ShimRow> rows, List<String> problems, Path copy, long journalLines, List<ShimRow> salvaged) {
    }

    Loaded read() throws IOException {
        Loaded loaded = read(true);
        journalLines = loaded.journalLines();
        return loaded;
    }

    /** Reads the table as {@link #read()} does, but keeps no copy of a damaged file: changes nothing. */
    Loaded inspect() throws IOException {
        return read(false);
    }

    private Loaded read(boolean keepCopy) throws IOException {
        Map<String, ShimRow> rows = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        List<ShimRow> salvaged = new ArrayList<>();
        java.util.Set<String> forgotten = new java.util.HashSet<>();
        folder.readLines(NAME, (number, line) -> {
            if (line != null && !holdsRecord(line)) {
                return;
            }
            try {
                ShimRow row = RowCodec.decode(lineOf(line));
                if (rows.putIfAbsent(row.token(), row) != null) {
                    throw new IllegalArgumentException("token " + row.token() + " recorded twice");
                }
            } catch (IllegalArgumentException e) {
                problems.add("line " + number + ": " + e.getMessage());
                Salvage.row(line).ifPresent(salvaged::add);
            }
        });
        Path copy = keepCopy && !problems.isEmpty() ? keep(NAME) : null;
        int checkpointProblems = problems.size();
        long[] count = { 0 };
        folder.readLines(JOURNAL, (number, line) -> {
            if (line != null && !holdsRecord(line)) {
                return;
            }
            count[0]++;
            try {
                Optional<String> removed = RowCodec.removal(lineOf(line));
                if (removed.isPresent()) {
                    rows.remove(removed.get());
                    forgotten.add(removed.get());
                } else {
                    ShimRow row = RowCodec.decode(line);
                    rows.put(row.token(), row);
                }
            } catch (IllegalArgumentException e) {
                problems.add(JOURNAL + " line " + number + ": " + e.getMessage());
                Salvage.row(line).ifPresent(salvaged::add);
            }
        });
        // a damaged line whose shim is recorded whole elsewhere says nothing new
        Map<String, ShimRow> lookedFor = new LinkedHashMap<>();
        for (ShimRow row : salvaged) {
            boolean known = rows.containsKey(row.token()) || forgotten.contains(row.token())
                    || rows.values().stream().anyMatch(r -> r.launch().equals(row.launch()));
            if (!known) {
                lookedFor.putIfAbsent(row.token(), row);
            }
        }
        if (keepCopy && problems.size() > checkpointProblems) {
            Path journalCopy = keep(JOURNAL);
            copy = copy == null ? journalCopy : copy;
        }
        return new Loaded(new ArrayList<>(rows.values()), problems, copy, count[0], new ArrayList<>(lookedFor.values()));
    }

    /** A line too long to be held is damaged like any other unreadable line. */
    private static String lineOf(String line) {
        if (line == null) {
            throw new IllegalArgumentException("longer than " + StateFolder.MAX_LINE_BYTES + " bytes");
        }
        return line;
    }

    private static boolean holdsRecord(String line) {
        return !line.isEmpty() && !line.startsWith("#");
    }

    private Path keep(String name) throws IOException {
        folder.copy(name, name + ".corrupt");
        return folder.directory().resolve(name + ".corrupt");
    }

    /**
     * Appends changes to the journal and syncs it: returns once they survive a crash.
     *
     * @param lines journal lines, as {@link RowCodec} encodes them
     */
    void append(List<String> lines) throws IOException {
        append(lines, true);
    }

    /**
     * Appends changes to the journal.
     *
     * @param lines journal lines, as {@link RowCodec} encodes them
     * @param sync whether to return only once they survive a crash of the machine, not only of the
     *        framework; unsynced lines are synced with the next synced append
     */
    void append(List<String> lines, boolean sync) throws IOException {
        requireWritable();
        if (lines.isEmpty()) {
            if (sync) {
                journal.force(false); // what earlier unsynced appends wrote
            }
            return;
        }
        StringBuilder text = new StringBuilder();
        lines.forEach(l -> text.append(l).append('\n'));
        ByteBuffer bytes = ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8));
        long before = journal.size();
        try {
            while (bytes.hasRemaining()) {
                journal.write(bytes);
            }
            if (sync) {
                journal.force(false);
            }
        } catch (IOException e) {
            try {
                journal.truncate(before); // no half line for the next append to run into
            } catch (IOException ignored) {
                e.addSuppressed(ignored);
            }
            throw e;
        }
        journalLines += lines.size();
    }

    /** Writes the whole table as the new checkpoint, then empties the journal. */
    void write(List<ShimRow> rows) throws IOException {
        requireWritable();
        folder.replace(NAME, out -> {
            out.write((HEADER + "\n").getBytes(StandardCharsets.UTF_8));
            for (ShimRow row : rows) {
                out.write((RowCodec.encode(row) + "\n").getBytes(StandardCharsets.UTF_8));
            }
        });
        journal.truncate(0);
        journal.force(true);
        journalLines = 0;
    }

    /** @return why nothing can be written, if nothing can: the folder is on a read-only file system */
    Optional<String> readOnly() {
        return journal == null ? Optional.of(folder.directory() + " is on a read-only file system") : Optional.empty();
    }

    private void requireWritable() throws IOException {
        Optional<String> readOnly = readOnly();
        if (readOnly.isPresent()) {
            throw new IOException(readOnly.get());
        }
    }

    @Override
    public void close() throws IOException {
        try {
            if (journal != null) {
                journal.close();
            }
        } finally {
            folder.close();
        }
    }
}
