package io.shimhost.registry.internal;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.shimhost.api.registry.ShimEventHistory.Replay;

/**
 * The latest events, at most {@link #SIZE} of them, for readers that start late; the oldest leaves
 * when a new one comes. Remembers when the last one that left happened, to tell a reader whether
 * the window still holds everything since the time it asks for.
 */
final class EventWindow {

    /** How many events are kept: about a day of a busy node's starts and exits, a few hundred KB. */
    static final int SIZE = 1_000;

    private record Kept(Instant time, Map<String, Object> properties) {
    }

    private final ArrayDeque<Kept> events = new ArrayDeque<>(SIZE);
    private Instant lastDropped;

    synchronized void add(Instant time, Map<String, Object> properties) {
        if (events.size() == SIZE) {
            lastDropped = events.removeFirst().time();
        }
        events.addLast(new Kept(time, Map.copyOf(properties)));
    }

    synchronized Replay since(Instant since) {
        List<Map<String, Object>> replayed = new ArrayList<>();
        for (Kept kept : events) {
            if (!kept.time().isBefore(since)) {
                replayed.add(kept.properties());
            }
        }
        return new Replay(replayed, lastDropped == null || lastDropped.isBefore(since));
    }
}
