package io.shimhost.webconsole.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.junit.jupiter.api.Test;

import io.shimhost.api.ExitStatus;
import io.shimhost.api.NamespaceType;
import io.shimhost.api.ShimProcess;
import io.shimhost.api.ShimType;
import io.shimhost.api.registry.ShimRecord;
import io.shimhost.api.registry.ShimRecord.Supervision;

class RunningChartTest {

    private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");

    /** A shim's run as the table holds it: started at {@code start}, ended at {@code end} (null: still running). */
    private record Run(long pid, Instant start, Instant end) implements ShimProcess {
        @Override public ShimType type() { return ShimType.of("kataShim"); }
        @Override public String container() { return "c"; }
        @Override public String token() { return "s" + pid; }
        @Override public Instant startTime() { return start; }
        @Override public boolean isRunning() { return end == null; }
        @Override public void signal(int signal) { }
        @Override public void stop() { }
        @Override public ExitStatus waitFor(Duration limit) { return ExitStatus.exited(0); }
        @Override public Optional<ExitStatus> exitStatus() {
            return end == null ? Optional.empty() : Optional.of(ExitStatus.exited(0));
        }
        @Override public CompletionStage<ExitStatus> onExit() { return new CompletableFuture<>(); }
        @Override public Map<NamespaceType, Long> namespaces() { return Map.of(); }

        ShimRecord record() {
            return new ShimRecord(this, "c", Supervision.STARTED, null, end, Map.of());
        }
    }

    private static Instant minutesAgo(double minutes) {
        return NOW.minusMillis((long) (minutes * 60_000));
    }

    @Test
    void aShimStillRunningCountsFromItsStartOn() {
        int[] counts = RunningChart.counts(List.of(new Run(10, minutesAgo(30.5), null).record()), NOW);

        assertThat(counts).hasSize(RunningChart.POINTS);
        assertThat(counts[RunningChart.POINTS - 1]).isEqualTo(1);
        assertThat(counts[RunningChart.POINTS - 31]).as("the minute it started in").isEqualTo(1);
        assertThat(counts[RunningChart.POINTS - 32]).as("the minute before").isZero();
    }

    @Test
    void aShimThatRanForAMomentCountsInItsMinute() {
        int[] counts = RunningChart.counts(List.of(new Run(11, minutesAgo(5.4), minutesAgo(5.3)).record()), NOW);

        assertThat(counts[RunningChart.POINTS - 6]).isEqualTo(1);
        assertThat(counts[RunningChart.POINTS - 5]).isZero();
        assertThat(counts[RunningChart.POINTS - 7]).isZero();
    }

    @Test
    void shimsThatRanTogetherAddUpAndOneWithoutAProcessDoesNotCount() {
        List<ShimRecord> table = List.of(new Run(12, minutesAgo(90), null).record(),
                new Run(13, minutesAgo(2.5), minutesAgo(1.5)).record(), new Run(0, minutesAgo(2.5), null).record());

        int[] counts = RunningChart.counts(table, NOW);

        assertThat(counts[0]).isEqualTo(1);
        assertThat(counts[RunningChart.POINTS - 2]).isEqualTo(2);
        assertThat(counts[RunningChart.POINTS - 1]).isEqualTo(1);
    }

    @Test
    void theSvgNamesTheLastMinuteAndTheMostAndDrawsEveryPoint() {
        int[] counts = new int[RunningChart.POINTS];
        counts[10] = 4;
        counts[RunningChart.POINTS - 1] = 2;

        String svg = RunningChart.svg(counts);

        assertThat(svg).startsWith("<svg ").contains("2 in the last minute, at most 4");
        String points = svg.substring(svg.indexOf("points=\"") + 8, svg.indexOf("\"/></svg>"));
        assertThat(points.split(" ")).hasSize(RunningChart.POINTS);
    }
}
