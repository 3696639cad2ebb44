package io.shimhost.api.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A shim's log read as shim:logs reads it: the rotated part first, the last lines, then what is added. */
class OutputTailTest {

    @TempDir
    Path dir;

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Test
    void allOfItIsTheRotatedPartThenTheFile() throws Exception {
        Path log = Files.writeString(dir.resolve("s.log"), "three\nfour\n");
        Files.writeString(dir.resolve("s.log.1"), "one\ntwo\n");

        assertThat(text(new OutputTail(log).last(-1))).isEqualTo("one\ntwo\nthree\nfour\n");
    }

    @Test
    void theLastLinesSpanTheRotation() throws Exception {
        Path log = Files.writeString(dir.resolve("s.log"), "three\nfour");
        Files.writeString(dir.resolve("s.log.1"), "one\ntwo\n");

        assertThat(text(new OutputTail(log).last(3))).isEqualTo("two\nthree\nfour");
        assertThat(text(new OutputTail(log).last(0))).isEmpty();
        assertThat(text(new OutputTail(log).last(10))).isEqualTo("one\ntwo\nthree\nfour");
    }

    @Test
    void whatIsAddedComesNextAndARotatedFileIsReadFromItsStart() throws Exception {
        Path log = Files.writeString(dir.resolve("s.log"), "one\n");
        OutputTail tail = new OutputTail(log);
        tail.last(-1);

        Files.writeString(log, "one\ntwo\n");
        assertThat(text(tail.next())).isEqualTo("two\n");
        assertThat(tail.next()).isEmpty();

        Files.writeString(log, "3\n");
        assertThat(text(tail.next())).isEqualTo("3\n");
    }

    @Test
    void aMissingLogIsEmpty() throws Exception {
        assertThat(new OutputTail(dir.resolve("none.log")).last(-1)).isEmpty();
    }
}
