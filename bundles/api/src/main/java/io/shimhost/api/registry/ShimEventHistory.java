package io.shimhost.api.registry;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The registry's latest events, kept in memory in a bounded window, for a reader that starts after
 * they happened ({@code shim:events --since}). Each is the property map of the Event Admin event
 * the registry posted, as {@link ShimEvents} documents it.
 */
@ProviderType
public interface ShimEventHistory {

    /**
     * The events kept that happened at or after a time.
     *
     * @param since the earliest time wanted
     * @return the events, oldest first, and whether the window still held every event since then
     */
    Replay since(Instant since);

    /**
     * Events replayed from the history.
     *
     * @param events the events' properties, oldest first
     * @param complete false when events since the time asked for had already left the window
     */
    record Replay(List<Map<String, Object>> events, boolean complete) {

        /** Copies the list and each map. */
        public Replay {
            events = events.stream().map(Map::copyOf).toList();
        }
    }
}
