package io.shimhost.registry.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.shimhost.api.registry.ShimEventHistory.Replay;

/** The window of the latest events: what a reader that starts late is given, and when it is told that it is not all. */
class EventWindowTest {

    private static final Instant T0 = Instant.parse("2026-12-07T15:00:00Z");

    private static EventWindow window(int events) {
        EventWindow window = new EventWindow();
        for (int i = 0; i < events; i++) {
            window.add(T0.plusSeconds(i), Map.of("n", i));
        }
        return window;
    }

    @Test
    void aReplayHasTheEventsFromTheTimeAskedForOldestFirst() {
        Replay replay = window(10).since(T0.plusSeconds(7));

        assertThat(replay.events()).extracting(e -> e.get("n")).containsExactly(7, 8, 9);
        assertThat(replay.complete()).isTrue();
    }

    @Test
    void theOldestEventsLeaveOnceTheWindowIsFull() {
        Replay replay = window(EventWindow.SIZE + 5).since(T0);

        assertThat(replay.events()).hasSize(EventWindow.SIZE);
        assertThat(replay.events().get(0).get("n")).isEqualTo(5);
    }

    @Test
    void aReplayFromBeforeTheOldestKeptEventSaysItIsIncomplete() {
        EventWindow window = window(EventWindow.SIZE + 5);

        assertThat(window.since(T0.plusSeconds(4)).complete()).isFalse();
        assertThat(window.since(T0.plusSeconds(5)).complete()).isTrue();
    }
}
