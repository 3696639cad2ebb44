package io.shimhost.shell.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

/** How a command line's words are read: options, values, and what is neither. */
class CommandSyntaxTest {

    @Test
    void aNegativeNumberIsAnArgumentNotAnOption() throws Exception {
        CommandSyntax.Parsed parsed = StopCommand.SYNTAX.parse(List.of("-1"));

        assertThat(parsed.argument(0)).isEqualTo("-1");
    }

    @Test
    void anUnknownOptionIsStillNamed() {
        assertThatThrownBy(() -> StopCommand.SYNTAX.parse(List.of("-x", "a"))).hasMessageContaining("Unknown option -x");
    }
}
