package io.shimhost.webconsole.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;

import org.junit.jupiter.api.Test;

class ActionTokenTest {

    @Test
    void onlyTheTokenItselfMatches() {
        ActionToken token = new ActionToken(new SecureRandom());

        assertThat(token.matches(token.value())).isTrue();
        assertThat(token.matches(token.value() + "x")).isFalse();
        assertThat(token.matches("")).isFalse();
        assertThat(token.matches(null)).isFalse();
    }

    @Test
    void eachStartOfThePagesHasATokenOfItsOwn() {
        assertThat(new ActionToken(new SecureRandom()).value()).isNotEqualTo(new ActionToken(new SecureRandom()).value())
                .hasSize(43);
    }
}
