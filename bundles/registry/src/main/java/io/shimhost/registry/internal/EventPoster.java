package io.shimhost.registry.internal;

import io.shimhost.api.registry.ShimEvents;
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
 * order. Events that happen while no Event Admin is deployed are not kept.
 */
final class EventPoster implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EventPoster.class);

    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "shimhost-events");
        t.setDaemon(true);
        return t;
    });
    private volatile EventAdmin eventAdmin;

    void eventAdmin(EventAdmin admin) {
        this.eventAdmin = admin;
    }

    void post(ShimEvent event) {
        try {
            thread.execute(() -> {
                EventAdmin admin = eventAdmin;
                if (admin != null) {
                    try {
                        admin.postEvent(new Event(ShimEvents.topic(event.name()), event.properties()));
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
