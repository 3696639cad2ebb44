package io.shimhost.registry.internal;

import io.shimhost.api.registry.ShimEvents;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts the registry's events to Event Admin from one thread of its own. Event Admin keeps the
 * order of the events one thread posts, not across threads: a shim's start is told on the thread
 * that started it and its exit on the supervisor's, and a subscriber must still see them in that
 * order. Each event gets the next {@link ShimEvents#SEQUENCE} and a place in the window of the
 * latest events, also while no Event Admin is deployed (then it is not posted).
 */
final class EventPoster implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EventPoster.class);

    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "shimhost-events");
        t.setDaemon(true);
        return t;
    });
    private volatile EventAdmin eventAdmin;
    private final EventWindow window = new EventWindow();
    private long sequence;

    void eventAdmin(EventAdmin admin) {
        this.eventAdmin = admin;
    }

    EventWindow window() {
        return window;
    }

    /** Numbered, kept and handed to the posting thread under one lock: the sequence is the order subscribers see. */
    synchronized void post(ShimEvent event) {
        Map<String, Object> properties = event.properties();
        properties.values().removeIf(Objects::isNull); // a field it does not have is absent, as Event Admin's readers expect
        properties.put(ShimEvents.SEQUENCE, ++sequence);
        window.add(event.time(), properties);
        try {
            thread.execute(() -> {
                EventAdmin admin = eventAdmin;
                if (admin != null) {
                    try {
                        admin.postEvent(new Event(ShimEvents.topic(event.name()), properties));
                    } catch (RuntimeException e) { // Event Admin going away as it is called
                        LOG.atWarn().addKeyValue("subsystem", "shim").addKeyValue("event", event.name())
                                .log("Cannot post a shim event: " + e);
                    }
                }
            });
        } catch (RejectedExecutionException e) {
            // closed: the registry is going away and its subscribers with it
        }
    }

    /** Posts what is queued, then ends the thread. */
    @Override
    public void close() {
        thread.shutdown();
        try {
            if (!thread.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.atWarn().addKeyValue("subsystem", "shim").log("Shim events still queued at shutdown were dropped");
                thread.shutdownNow();
            }
        } catch (InterruptedException e) {
            thread.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
