package io.shimhost.shell.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextTableTest {

    @Test
    void columnsAreAlignedToTheirWidestCell() {
        String text = new TextTable("TYPE", "RANKING").row("kataBuiltInShim", 0).row("noopShim", 10).toString();

        assertThat(text).isEqualTo("TYPE             RANKING\n"
                + "kataBuiltInShim  0\n"
                + "noopShim         10");
    }

    @Test
    void printedLineByLineItIsTheSameTextWithAFinalLineBreak() {
        TextTable table = new TextTable("ID", "PID", "STATE").row("a", 1, "running").row("long-id", 12345, "-");
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();

        table.printTo(new java.io.PrintStream(bytes, true, java.nio.charset.StandardCharsets.UTF_8));

        assertThat(bytes.toString(java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(table + "\n")
                .isEqualTo("ID       PID    STATE\na        1      running\nlong-id  12345  -\n");
    }
}
