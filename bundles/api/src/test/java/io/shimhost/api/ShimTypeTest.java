package io.shimhost.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Kata's shim_test.go "set" and "string" cases, and the name syntax that replaces its closed set. */
class ShimTypeTest {

    @Test
    void parsingKataShimGivesTheWellKnownKataType() throws Exception {
        assertThat(ShimType.parse("kataShim")).isEqualTo(ShimType.KATA);
    }

    @Test
    void parsingNoopShimGivesTheWellKnownNoopType() throws Exception {
        assertThat(ShimType.parse("noopShim")).isEqualTo(ShimType.NOOP);
    }

    @Test
    void parsingKataBuiltInShimGivesTheWellKnownBuiltInType() throws Exception {
        assertThat(ShimType.parse("kataBuiltInShim")).isEqualTo(ShimType.KATA_BUILT_IN);
    }

    @Test
    void eachWellKnownTypePrintsAsItsKataName() {
        assertThat(ShimType.KATA).hasToString("kataShim");
        assertThat(ShimType.NOOP).hasToString("noopShim");
        assertThat(ShimType.KATA_BUILT_IN).hasToString("kataBuiltInShim");
    }

    @Test
    void aValidUnknownNameIsATypeButNotAWellKnownOne() throws Exception {
        ShimType unknown = ShimType.parse("unknown");

        assertThat(unknown).hasToString("unknown");
        assertThat(unknown.isWellKnown()).isFalse();
        assertThat(unknown).isNotEqualTo(ShimType.NOOP);
    }

    @Test
    void theWellKnownTypesSayTheyAreWellKnown() {
        assertThat(ShimType.KATA.isWellKnown()).isTrue();
        assertThat(ShimType.NOOP.isWellKnown()).isTrue();
        assertThat(ShimType.KATA_BUILT_IN.isWellKnown()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "9shim", "-shim", "my shim", "shim/x", "shim;rm", "é",
            "a1234567890123456789012345678901234567890123456789012345678901234"})
    void aNameOutsideTheSyntaxIsRejectedNamingTheValue(String bad) {
        assertThatThrownBy(() -> ShimType.parse(bad))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("\"" + bad + "\"")
                .satisfies(e -> assertThat(((InvalidParameterException) e).parameter()).isEqualTo("shim type"));
    }

    @Test
    void aNullNameIsRejected() {
        assertThatThrownBy(() -> ShimType.parse(null)).isInstanceOf(InvalidParameterException.class);
    }

    @Test
    void sixtyFourCharactersIsTheLongestName() throws Exception {
        String longest = "a" + "b".repeat(63);

        assertThat(ShimType.parse(longest).name()).hasSize(64);
    }

    @Test
    void namesMayUseDigitsDotsDashesAndUnderscoresAfterTheFirstLetter() throws Exception {
        assertThat(ShimType.parse("vendor.shim-v2_1").name()).isEqualTo("vendor.shim-v2_1");
    }
}
