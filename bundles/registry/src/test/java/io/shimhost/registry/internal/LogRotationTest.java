package io.shimhost.registry.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A shim's output log rotated in place: its last bytes kept in FILE.1, the file emptied for the shim's next write. */
class LogRotationTest {

    @TempDir
    Path dir;

    private OutputLog log(long limit) {
        return new OutputLog(dir.resolve("s1.log"), limit);
    }

    @Test
    void aLogUnderItsLimitIsLeftAlone() throws IOException {
        OutputLog log = log(100);
        Files.writeString(log.file(), "short\n");

        assertThat(LogRotation.rotateIfOver(log)).isFalse();
        assertThat(Files.readString(log.file())).isEqualTo("short\n");
        assertThat(log.rotated()).doesNotExist();
    }

    @Test
    void aLogOverItsLimitKeepsItsLastBytesInTheRotatedFileAndIsEmptied() throws IOException {
        OutputLog log = log(10);
        Files.writeString(log.file(), "0123456789abcdefghij");

        assertThat(LogRotation.rotateIfOver(log)).isTrue();

        assertThat(Files.readString(log.rotated())).isEqualTo("abcdefghij");
        assertThat(Files.size(log.file())).isZero();
        assertThat(Files.getPosixFilePermissions(log.rotated())).isEqualTo(PosixFilePermissions.fromString("rw-r-----"));
    }

    @Test
    void aWriterThatAppendsGoesOnAtTheStartOfTheEmptiedFile() throws IOException {
        OutputLog log = log(10);
        try (var shim = Files.newOutputStream(log.file(), StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            shim.write("0123456789abcdefghij".getBytes(StandardCharsets.US_ASCII));
            LogRotation.rotateIfOver(log);
            shim.write("next".getBytes(StandardCharsets.US_ASCII));
        }

        assertThat(Files.readString(log.file())).isEqualTo("next");
    }

    @Test
    void aSecondRotationReplacesTheFirst() throws IOException {
        OutputLog log = log(4);
        Files.writeString(log.file(), "first-rotation");
        LogRotation.rotateIfOver(log);
        Files.writeString(log.file(), "second-rotation");

        LogRotation.rotateIfOver(log);

        assertThat(Files.readString(log.rotated())).isEqualTo("tion");
        assertThat(Files.readString(log.file())).isEmpty();
    }

    @Test
    void aLinkInPlaceOfTheLogIsNotFollowed() throws IOException {
        Path target = Files.writeString(dir.resolve("elsewhere"), "x".repeat(100));
        OutputLog log = log(10);
        Files.createSymbolicLink(log.file(), target);

        assertThat(LogRotation.rotateIfOver(log)).isFalse();
        assertThat(Files.size(target)).isEqualTo(100);
    }
}
