package io.shimhost.registry.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.shimhost.api.ExitStatus;

/** The table's file: written whole and atomically, read back line by line, damage confined to its lines. */
class TableFileTest {

    @TempDir
    Path dir;

    private TableFile file;

    @BeforeEach
    void open() throws IOException {
        file = TableFile.open(dir);
    }

    @AfterEach
    void close() throws IOException {
        file.close();
    }

    private static ShimRow running(String token, long pid) {
        return new ShimRow(token, "kataShim", "c & d=1", "sandbox 1", pid, 4242, Map.of("net", 4026531840L, "pid", 7L),
                Instant.parse("2026-11-29T03:00:00.123Z"), ShimRow.State.RUNNING, null, "4cb9a508-d4ed", 4026531836L);
    }

    @Test
    void rowsComeBackAsTheyWereWritten() throws IOException {
        List<ShimRow> rows = List.of(running("a", 10), running("b", 11).ended(ExitStatus.killed(9)),
                running("c", 12).lost(), running("d", 13).ended(ExitStatus.unknown()),
                new ShimRow("e", "noopShim", "", "s", 0, -1, Map.of(), Instant.EPOCH, ShimRow.State.ENDED,
                        ExitStatus.noProcess()),
                new ShimRow("f", "kataShim", "", "s", 14, 4243, Map.of(), Instant.EPOCH, ShimRow.State.RUNNING, null,
                        "", 0, "launch-1", new OutputLog(Path.of("/var/log/shimhost/f & g=1.log"), 4096)),
                new ShimRow("g", "kataShim", "", "s", 15, 4244, Map.of(), Instant.EPOCH, ShimRow.State.RUNNING, null,
                        "", 0, "launch-2", null, null, Map.of("path", "/opt/kata & co/kata-shim=1", "pass.environment",
                                "A,B", "debug", "true")));
        file.write(rows);

        TableFile.Loaded loaded = file.read();

        assertThat(loaded.rows()).isEqualTo(rows);
        assertThat(loaded.problems()).isEmpty();
        assertThat(loaded.copy()).isNull();
    }

    @Test
    void noFileIsAnEmptyTable() throws IOException {
        assertThat(file.read().rows()).isEmpty();
    }

    @Test
    void aTornLastLineIsDroppedAndTheRestKept() throws IOException {
        file.write(List.of(running("a", 10), running("b", 11)));
        String text = Files.readString(file.path());
        Files.writeString(file.path(), text.substring(0, text.length() - 12));

        TableFile.Loaded loaded = file.read();

        assertThat(loaded.rows()).extracting(ShimRow::token).containsExactly("a");
        assertThat(loaded.problems()).singleElement().asString().startsWith("line 3: checksum mismatch");
    }

    @Test
    void aChangedCharacterIsCaughtByTheChecksum() throws IOException {
        file.write(List.of(running("a", 10)));
        Files.writeString(file.path(), Files.readString(file.path()).replace("pid=10", "pid=11"));

        assertThat(file.read().rows()).isEmpty();
    }

    @Test
    void aDamagedFileIsCopiedAsItWasBeforeItIsRewritten() throws IOException {
        file.write(List.of(running("a", 10)));
        Files.writeString(file.path(), "garbage\n", StandardOpenOption.APPEND);
        String damaged = Files.readString(file.path());

        TableFile.Loaded loaded = file.read();

        assertThat(loaded.problems()).containsExactly("line 3: no checksum");
        assertThat(loaded.copy()).hasContent(damaged.strip());
    }

    @Test
    void aTokenRecordedTwiceKeepsTheFirst() throws IOException {
        file.write(List.of(running("a", 10)));
        String line = Files.readString(file.path()).lines().skip(1).findFirst().orElseThrow();
        Files.writeString(file.path(), line + "\n", StandardOpenOption.APPEND);

        TableFile.Loaded loaded = file.read();

        assertThat(loaded.rows()).hasSize(1);
        assertThat(loaded.problems()).containsExactly("line 3: token a recorded twice");
    }

    @Test
    void aSecondTableOnTheSameFolderIsRefusedNamingIt() {
        assertThatThrownBy(() -> TableFile.open(dir)).isInstanceOf(IOException.class)
                .hasMessageContaining(dir.toString())
                .hasMessageContaining("in use by another shimhost (pid " + ProcessHandle.current().pid() + ")");
    }

    @Test
    void aWriteLeavesNoTemporaryFileBehind() throws IOException {
        List<ShimRow> rows = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            rows.add(running("t" + i, 100 + i));
        }
        file.write(rows);

        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("shims.table", "shims.journal", "shims.lock");
        }
    }

    @Test
    void theTableIsTheCheckpointWithTheJournalsChangesAppliedInOrder() throws IOException {
        ShimRow bEnded = running("b", 11).ended(ExitStatus.exited(3));
        file.write(List.of(running("a", 10), running("b", 11)));
        file.append(List.of(RowCodec.encode(running("c", 12)), RowCodec.encodeRemoval("a"), RowCodec.encode(bEnded)));

        TableFile.Loaded loaded = file.inspect();

        assertThat(loaded.rows()).containsExactly(bEnded, running("c", 12));
        assertThat(loaded.journalLines()).isEqualTo(3);
        assertThat(loaded.problems()).isEmpty();
    }

    @Test
    void aChangeIsOneLineAppendedWhateverTheTableHolds() throws IOException {
        List<ShimRow> many = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            many.add(running("t" + i, 100 + i));
        }
        file.write(many);
        long checkpoint = Files.size(dir.resolve("shims.table"));

        file.append(List.of(RowCodec.encode(running("new", 5))));

        assertThat(Files.size(dir.resolve("shims.table"))).isEqualTo(checkpoint);
        assertThat(Files.readAllLines(dir.resolve("shims.journal"))).containsExactly(RowCodec.encode(running("new", 5)));
    }

    @Test
    void aJournalLineTornByACrashIsReportedSkippedAndKeptAside() throws IOException {
        file.append(List.of(RowCodec.encode(running("a", 10))));
        String torn = RowCodec.encode(running("b", 11));
        Files.writeString(dir.resolve("shims.journal"), torn.substring(0, torn.length() / 2), StandardOpenOption.APPEND);

        TableFile.Loaded loaded = file.read();

        assertThat(loaded.rows()).containsExactly(running("a", 10));
        assertThat(loaded.problems()).containsExactly("shims.journal line 2: checksum mismatch (torn or overwritten)");
        assertThat(dir.resolve("shims.journal.corrupt")).exists();
    }

    @Test
    void aCrashBetweenTheCheckpointAndEmptyingTheJournalReadsTheSameTable() throws IOException {
        file.write(List.of(running("a", 10)));
        file.append(List.of(RowCodec.encode(running("b", 11)), RowCodec.encodeRemoval("a")));
        byte[] journal = Files.readAllBytes(dir.resolve("shims.journal"));
        List<ShimRow> table = file.inspect().rows();

        file.write(table);
        Files.write(dir.resolve("shims.journal"), journal); // as if the crash came before the truncation

        assertThat(file.inspect().rows()).isEqualTo(table).containsExactly(running("b", 11));
    }

    @Test
    void theJournalIsCompactedOnceItOutgrowsTheTable() throws Exception {
        ShimTable table = new ShimTable();
        TableWriter writer = new TableWriter(file, table, new Measurements());
        for (int i = 0; i < TableWriter.COMPACT_AFTER + 1; i++) {
            ShimRow row = running("t" + (i % 10), 100 + i);
            writer.commit(table.put(new ShimTable.Entry(row, null)));
        }
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (file.journalLines() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }

        assertThat(file.journalLines()).isZero();
        assertThat(Files.size(dir.resolve("shims.journal"))).isZero();
        assertThat(file.inspect().rows()).hasSize(10).isEqualTo(table.snapshot().rows());
        writer.close();
    }
}
