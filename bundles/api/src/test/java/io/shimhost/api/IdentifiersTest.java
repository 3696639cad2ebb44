package io.shimhost.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Ids an operator gives: no control characters, a bounded length, and shown escaped when refused. */
class IdentifiersTest {

    @Test
    void aNewlineInATokenIsRefusedAndShownEscaped() {
        assertThatThrownBy(() -> Identifiers.check("token", "a\nINFO forged line")).isInstanceOf(InvalidParameterException.class)
                .hasMessage("Invalid token \"a\\u000aINFO forged line\": control characters (such as a newline) are not allowed");
    }

    @Test
    void deleteAndC1ControlsAreRefusedToo() {
        assertThatThrownBy(() -> Identifiers.check("container", "c\u007f")).hasMessageContaining("\\u007f");
        assertThatThrownBy(() -> Identifiers.check("container", "c\u009b31m")).hasMessageContaining("\\u009b");
    }

    @Test
    void theLimitIsInBytesOfUtf8() throws Exception {
        assertThat(Identifiers.check("token", "ü".repeat(128))).hasSize(128);
        assertThatThrownBy(() -> Identifiers.check("token", "ü".repeat(129)))
                .hasMessageEndingWith("258 bytes, more than the 256 an id may have");
    }

    @Test
    void printableUnicodeIsAnId() throws Exception {
        assertThat(Identifiers.check("container", "grüße-容器_1.2")).isEqualTo("grüße-容器_1.2");
    }

    @Test
    void aShownValueIsCut() {
        assertThat(Identifiers.shown("x".repeat(100))).hasSize(65).endsWith("…");
    }

    @Test
    void aSandboxIdWithAControlCharacterIsRefused() {
        assertThatThrownBy(() -> SandboxConfig.of("s\r", ShimType.NOOP, java.util.Map.of()))
                .hasMessageStartingWith("Invalid sandbox id \"s\\u000d\"");
    }
}
