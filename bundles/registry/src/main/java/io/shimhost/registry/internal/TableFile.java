package io.shimhost.registry.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

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
            return new TableFile(folder, folder.openForAppend(JOURNAL));
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
     * lines were dropped a copy of each damaged file is kept.
     */
    record Loaded(List<ShimRow> rows, List<String> problems, Path copy, long journalLines) {
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
        Optional<byte[]> checkpoint = folder.read(NAME);
        Set<String> tokens = new HashSet<>();
        List<String> lines = lines(checkpoint);
        for (int i = 0; i < lines.size(); i++) {
            if (!holdsRecord(lines.get(i))) {
                continue;
            }
            try {
                ShimRow row = RowCodec.decode(lines.get(i));
                if (!tokens.add(row.token())) {
                    throw new IllegalArgumentException("token " + row.token() + " recorded twice");
                }
                rows.put(row.token(), row);
            } catch (IllegalArgumentException e) {
                problems.add("line " + (i + 1) + ": " + e.getMessage());
            }
        }
        Path copy = keepCopy && !problems.isEmpty() ? keep(NAME, checkpoint.get()) : null;
        int checkpointProblems = problems.size();
        Optional<byte[]> journaled = folder.read(JOURNAL);
        List<String> changes = lines(journaled);
        long count = 0;
        for (int i = 0; i < changes.size(); i++) {
            String line = changes.get(i);
            if (!holdsRecord(line)) {
                continue;
            }
            count++;
            try {
                Optional<String> removed = RowCodec.removal(line);
                if (removed.isPresent()) {
                    rows.remove(removed.get());
                } else {
                    ShimRow row = RowCodec.decode(line);
                    rows.put(row.token(), row);
                }
            } catch (IllegalArgumentException e) {
                problems.add(JOURNAL + " line " + (i + 1) + ": " + e.getMessage());
            }
        }
        if (keepCopy && problems.size() > checkpointProblems) {
            Path journalCopy = keep(JOURNAL, journaled.get());
            copy = copy == null ? journalCopy : copy;
        }
        return new Loaded(new ArrayList<>(rows.values()), problems, copy, count);
    }

    private static List<String> lines(Optional<byte[]> content) {
        return content.isEmpty() ? List.of()
                : List.of(new String(content.get(), StandardCharsets.UTF_8).split("\n", -1));
    }

    private static boolean holdsRecord(String line) {
        return !line.isEmpty() && !line.startsWith("#");
    }

    private Path keep(String name, byte[] content) throws IOException {
        folder.replace(name + ".corrupt", content);
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
        StringBuilder text = new StringBuilder(HEADER).append('\n');
        for (ShimRow row : rows) {
            text.append(RowCodec.encode(row)).append('\n');
        }
        folder.replace(NAME, text.toString().getBytes(StandardCharsets.UTF_8));
        journal.truncate(0);
        journal.force(true);
        journalLines = 0;
    }

    @Override
    public void close() throws IOException {
        try {
            journal.close();
        } finally {
            folder.close();
        }
    }
}
