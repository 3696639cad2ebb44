package io.shimhost.registry.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The table's file in the state folder. Each write replaces the whole file atomically (see
 * {@link StateFolder#replace}), so a crash leaves the old table or the new one. The folder is held
 * for this framework while the table is open.
 */
final class TableFile implements AutoCloseable {

    static final String NAME = "shims.table";
    private static final String HEADER = "# shimhost shim table, format 1: CRC-32 of the line, then its fields";

    private final StateFolder folder;
    private final Path file;

    private TableFile(StateFolder folder) {
        this.folder = folder;
        this.file = folder.directory().resolve(NAME);
    }

    /**
     * Creates the folder if needed, checks it and takes it.
     *
     * @throws IOException if the folder cannot be used, or another framework holds it; the
     *         message names the folder
     */
    static TableFile open(Path directory) throws IOException {
        return new TableFile(StateFolder.open(directory));
    }

    Path path() {
        return file;
    }

    /** @return why its folder is no longer safe, if it is not */
    Optional<String> unsafeFolder() {
        return folder.unsafe();
    }

    /** The rows recovered, and what was dropped; when lines were dropped a copy of the file is kept. */
    record Loaded(List<ShimRow> rows, List<String> problems, Path copy) {
    }

    Loaded read() throws IOException {
        return read(true);
    }

    /** Reads the table as {@link #read()} does, but keeps no copy of a damaged file: changes nothing. */
    Loaded inspect() throws IOException {
        return read(false);
    }

    private Loaded read(boolean keepCopy) throws IOException {
        Optional<byte[]> content = folder.read(NAME);
        if (content.isEmpty()) {
            return new Loaded(List.of(), List.of(), null);
        }
        List<String> lines = List.of(new String(content.get(), StandardCharsets.UTF_8).split("\n", -1));
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
        if (!problems.isEmpty() && keepCopy) {
            copy = folder.directory().resolve(NAME + ".corrupt");
            folder.replace(NAME + ".corrupt", content.get());
        }
        return new Loaded(rows, problems, copy);
    }

    void write(List<ShimRow> rows) throws IOException {
        StringBuilder text = new StringBuilder(HEADER).append('\n');
        for (ShimRow row : rows) {
            text.append(RowCodec.encode(row)).append('\n');
        }
        folder.replace(NAME, text.toString().getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() throws IOException {
        folder.close();
    }
}
