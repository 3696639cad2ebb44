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
}
