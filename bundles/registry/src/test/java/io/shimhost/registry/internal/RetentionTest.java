package io.shimhost.registry.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.shimhost.api.ExitStatus;
import io.shimhost.api.registry.ShimRecord.Supervision;

/**
 * The table forgets ended shims past the operator's retention (a count and an age), oldest end
 * first, and never one that runs, starts, is unverified or lost.
 */
class RetentionTest {

    private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");

    @TempDir
    Path state;

    private static ShimRow row(String token, ShimRow.State state, Instant ended) {
        ShimRow running = new ShimRow(token, "kataShim", "c", "sb", 100, 5, Map.of(), NOW.minusSeconds(3600),
                ShimRow.State.RUNNING, null);
        return switch (state) {
            case ENDED -> new ShimRow(token, "kataShim", "c", "sb", 100, 5, Map.of(), running.started(),
                    ShimRow.State.ENDED, ExitStatus.exited(0), "", 0, "", null, ended);
            case LOST -> running.lost();
            case STARTING, RUNNING -> running;
        };
    }

    private static ShimTable table(ShimRow... rows) {
        ShimTable table = new ShimTable();
        for (ShimRow row : rows) {
            table.put(Adoption.entry(row, io.shimhost.api.ShimType.KATA, Supervision.UNVERIFIED));
        }
        return table;
    }

    private static List<String> tokens(List<ShimTable.Entry> entries) {
        return entries.stream().map(e -> e.row().token()).toList();
    }

    @Test
    void pastTheCountTheShimsThatEndedFirstAreForgotten() {
        ShimTable table = table(row("e1", ShimRow.State.ENDED, NOW), row("r1", ShimRow.State.RUNNING, null),
                row("e2", ShimRow.State.ENDED, NOW), row("e3", ShimRow.State.ENDED, NOW));

        List<ShimTable.Entry> forgotten = table.expire(new Retention(1, Duration.ZERO), NOW);

        assertThat(tokens(forgotten)).containsExactly("e1", "e2");
        assertThat(tokens(table.entries())).containsExactly("r1", "e3");
    }

    @Test
    void shimsThatEndedLongerAgoThanTheAgeAreForgottenWhateverTheCount() {
        ShimTable table = table(row("old", ShimRow.State.ENDED, NOW.minusSeconds(7200)),
                row("new", ShimRow.State.ENDED, NOW.minusSeconds(60)));

        assertThat(tokens(table.expire(new Retention(100, Duration.ofHours(1)), NOW))).containsExactly("old");
        assertThat(tokens(table.entries())).containsExactly("new");
    }

    @Test
    void runningStartingAndLostShimsAreNeverForgotten() {
        ShimTable table = table(row("r", ShimRow.State.RUNNING, null), row("s", ShimRow.State.STARTING, null),
                row("l", ShimRow.State.LOST, null));

        assertThat(table.expire(new Retention(0, Duration.ofSeconds(1)), NOW.plusSeconds(86400 * 365))).isEmpty();
        assertThat(table.size()).isEqualTo(3);
    }

    @Test
    void aShimThatEndsJoinsTheOrderOfEndsAtItsBack() {
        ShimTable table = table(row("a", ShimRow.State.RUNNING, null), row("b", ShimRow.State.ENDED, NOW));
        table.update("a", e -> new ShimTable.Entry(e.row().ended(ExitStatus.exited(1)), e.record()));

        assertThat(tokens(table.expire(new Retention(1, Duration.ZERO), NOW))).containsExactly("b");
    }

    @Test
    void forgettingIsJournalledSoThatTheFileShrinksToo() throws Exception {
        List<ShimRow> rows = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            rows.add(row("e" + i, ShimRow.State.ENDED, Instant.now()));
        }
        rows.add(row("r", ShimRow.State.RUNNING, null));
        RestartFixture.recorded(state, rows.toArray(ShimRow[]::new));

        try (DurableShimTable table = DurableShimTable.open(state, e -> { }, new Measurements(),
                new Retention(10, Duration.ZERO))) {
            assertThat(table.records()).hasSize(11);
        }
        try (TableFile file = TableFile.open(state)) {
            assertThat(file.read().rows()).extracting(ShimRow::token).hasSize(11).contains("r", "e49")
                    .doesNotContain("e39");
        }
    }

    @Test
    void aNegativeCountOrAgeIsRefusedNamingIt() {
        assertThatThrownBy(() -> new Retention(-1, Duration.ZERO)).hasMessageContaining("retention.count -1");
        assertThatThrownBy(() -> new Retention(1, Duration.ofSeconds(-5))).hasMessageContaining("retention.age -5");
    }
}
