package io.shimhost.console.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The commands an unknown one is told to be closest to. */
class CommandNamesTest {

    private static final List<String> KNOWN = List.of("felix:start", "felix:stop", "felix:lb", "shim:start",
            "shim:stop", "shim:stats", "shim:ps", "shim:wait");

    @Test
    void aTypoInAScopedNameIsMatchedInThatScope() {
        assertThat(CommandNames.closest("shim:strat", KNOWN)).containsExactly("shim:start");
    }

    @Test
    void anUnscopedTypoIsMatchedInEveryScopeNearestFirst() {
        assertThat(CommandNames.closest("sotp", KNOWN)).containsExactly("felix:stop", "shim:stop");
    }

    @Test
    void onlyTheNearestAreNamedASwapOfNeighboursBeingOneEdit() {
        assertThat(CommandNames.closest("shim:tsats", KNOWN)).containsExactly("shim:stats");
        assertThat(CommandNames.distance("strat", "start")).isEqualTo(1);
        assertThat(CommandNames.distance("strat", "stats")).isEqualTo(2);
    }

    @Test
    void nothingCloseIsNothing() {
        assertThat(CommandNames.closest("bogusxyz", KNOWN)).isEmpty();
    }
}
