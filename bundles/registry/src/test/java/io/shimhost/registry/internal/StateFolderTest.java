package io.shimhost.registry.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The state folder as a hostile local user would attack it: planted links, loose modes, files that
 * are not files. shimhost runs as root, so none of them may make it write or read where it should not.
 */
class StateFolderTest {

    @TempDir
    Path dir;

    private Path state() {
        return dir.resolve("state");
    }

    private static ShimRow row(String token) {
        return new ShimRow(token, "kataShim", "c", "s", 42, 4242, Map.of(), Instant.EPOCH, ShimRow.State.RUNNING, null);
    }

    private static String mode(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void aNewFolderIsCreatedForItsOwnerOnlyAndSoAreItsFiles() throws IOException {
        try (TableFile file = TableFile.open(state())) {
            file.write(List.of(row("a")));
        }

        assertThat(mode(state())).isEqualTo("rwx------");
        assertThat(mode(state().resolve("shims.table"))).isEqualTo("rw-------");
        assertThat(mode(state().resolve("shims.lock"))).isEqualTo("rw-------");
    }

    @Test
    void aLinkPlantedAsTheTemporaryFileIsNotWrittenThrough() throws IOException {
        Path victim = Files.writeString(dir.resolve("victim"), "untouched");
        Files.createDirectories(state());
        Files.createSymbolicLink(state().resolve("shims.table.tmp"), victim);

        try (TableFile file = TableFile.open(state())) {
            file.write(List.of(row("a")));
            assertThat(file.read().rows()).extracting(ShimRow::token).containsExactly("a");
        }

        assertThat(victim).hasContent("untouched");
        assertThat(Files.isSymbolicLink(state().resolve("shims.table"))).isFalse();
    }

    @Test
    void aLinkPlantedAsTheLockFileIsRefusedAndNotTruncated() throws IOException {
        Path victim = Files.writeString(dir.resolve("victim"), "untouched");
        Files.createDirectories(state());
        Files.createSymbolicLink(state().resolve("shims.lock"), victim);

        assertThatThrownBy(() -> TableFile.open(state())).isInstanceOf(IOException.class)
                .hasMessage(state().resolve("shims.lock") + " is a symbolic link, not a regular file: move it away");
        assertThat(victim).hasContent("untouched");
    }

    @Test
    void aLinkPlantedAsTheTableIsRefused() throws IOException {
        Path victim = Files.writeString(dir.resolve("victim"), "untouched");
        Files.createDirectories(state());
        Files.createSymbolicLink(state().resolve("shims.table"), victim);

        try (TableFile file = TableFile.open(state())) {
            assertThatThrownBy(file::read).hasMessageContaining("shims.table is a symbolic link");
        }
    }

    @Test
    void aFolderThatIsALinkIsRefused() throws IOException {
        Path real = Files.createDirectories(dir.resolve("real"));
        Files.createSymbolicLink(state(), real);

        assertThatThrownBy(() -> TableFile.open(state())).isInstanceOf(IOException.class)
                .hasMessageStartingWith("The state directory " + state() + " is a symbolic link");
    }

    @Test
    void aFolderOthersCanWriteIsRefusedNamingTheFix() throws IOException {
        Files.createDirectories(state());
        Files.setPosixFilePermissions(state(), PosixFilePermissions.fromString("rwxrwxrwx"));

        assertThatThrownBy(() -> TableFile.open(state())).isInstanceOf(IOException.class)
                .hasMessageContaining(state() + " is writable by others (rwxrwxrwx)")
                .hasMessageEndingWith("chmod 700 " + state());
    }

    @Test
    void aFolderItsGroupCanWriteIsRefused() throws IOException {
        Files.createDirectories(state());
        Files.setPosixFilePermissions(state(), PosixFilePermissions.fromString("rwxrwx---"));

        assertThatThrownBy(() -> TableFile.open(state())).hasMessageContaining("is writable by others");
    }

    @Test
    void aFolderOwnedByAnotherUserIsRefused() throws IOException {
        assumeTrue("root".equals(System.getProperty("user.name")), "giving a folder away needs root; CI runs as root");
        Files.createDirectories(state());
        Files.setAttribute(state(), "unix:uid", 65534);

        assertThatThrownBy(() -> TableFile.open(state())).isInstanceOf(IOException.class)
                .hasMessageContaining(state() + " is owned by uid 65534, not by shimhost's user (uid 0)");
    }

    @Test
    void aFifoAsTheTableIsRefusedAtOnce() throws Exception {
        Files.createDirectories(state());
        assertThat(new ProcessBuilder("mkfifo", state().resolve("shims.table").toString()).start().waitFor()).isZero();

        try (TableFile file = TableFile.open(state())) {
            assertThatThrownBy(file::read).isInstanceOf(IOException.class).hasMessage(state().resolve("shims.table")
                    + " is a special file (a fifo, socket or device), not a regular file: move it away");
        }
    }

    @Test
    void aDirectoryAsTheTableIsRefused() throws IOException {
        Files.createDirectories(state().resolve("shims.table"));

        try (TableFile file = TableFile.open(state())) {
            assertThatThrownBy(file::read).hasMessageContaining("shims.table is a directory, not a regular file");
        }
    }

    @Test
    void aLineLongerThanAnyRowIsDroppedAsDamagedAndTheRowsAroundItAreKept() throws IOException {
        Files.createDirectories(state());
        ShimRow before = row("before");
        ShimRow after = row("after");
        try (OutputStream out = Files.newOutputStream(state().resolve("shims.table"))) {
            out.write((RowCodec.encode(before) + "\n").getBytes(StandardCharsets.UTF_8));
            out.write(new byte[StateFolder.MAX_LINE_BYTES * 3]); // no newline for 3 MiB
            out.write(("\n" + RowCodec.encode(after) + "\n").getBytes(StandardCharsets.UTF_8));
        }

        try (TableFile file = TableFile.open(state())) {
            TableFile.Loaded loaded = file.read();
            assertThat(loaded.rows()).extracting(ShimRow::token).containsExactly("before", "after");
            assertThat(loaded.problems()).containsExactly("line 2: longer than " + StateFolder.MAX_LINE_BYTES + " bytes");
        }
    }

    @Test
    void aCopyOfADamagedTableIsOwnerOnlyToo() throws IOException {
        Files.createDirectories(state());
        Files.writeString(state().resolve("shims.table"), "garbage\n");

        try (TableFile file = TableFile.open(state())) {
            assertThat(file.read().copy()).hasContent("garbage\n");
        }
        assertThat(mode(state().resolve("shims.table.corrupt"))).isEqualTo("rw-------");
    }
}
