package io.shimhost.webconsole.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;

import io.shimhost.api.registry.ShimEvents;
import io.shimhost.json.EventJson;

/**
 * The registry's events as a Server-Sent Events stream, one {@code data:} line each, as {@code shim:events
 * --format json} writes them: the pages follow it and read the table again when something happened. A
 * comment line every {@value #KEEPALIVE_SECONDS} s finds a browser gone; the stream ends then, or when the
 * pages stop.
 */
final class LiveFeed {

    static final String MEDIA_TYPE = "text/event-stream";
    static final long KEEPALIVE_SECONDS = 10;
    private static final int BACKLOG = 1000;

    private final BundleContext context;
    private volatile boolean closed;

    LiveFeed(BundleContext context) {
        this.context = context;
    }

    /** Sends events until the client goes away or {@link #close()}; an event the client is too slow for is dropped. */
    void stream(OutputStream out) throws IOException, InterruptedException {
        BlockingQueue<Event> events = new LinkedBlockingQueue<>(BACKLOG);
        Dictionary<String, Object> topics = new Hashtable<>();
        topics.put(EventConstants.EVENT_TOPIC, ShimEvents.ALL_TOPICS);
        ServiceRegistration<EventHandler> subscription = context.registerService(EventHandler.class, events::offer, topics);
        try {
            send(out, ": following io/shimhost/shim/*\n\n");
            while (!closed) {
                Event event = events.poll(KEEPALIVE_SECONDS, TimeUnit.SECONDS);
                send(out, event == null ? ":\n\n" : "data: " + EventJson.of(event) + "\n\n");
            }
        } finally {
            try {
                subscription.unregister();
            } catch (IllegalStateException e) {
                // the pages' bundle stopped meanwhile, which took the subscription with it
            }
        }
    }

    private static void send(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** Ends every stream within {@value #KEEPALIVE_SECONDS} s. */
    void close() {
        closed = true;
    }
}
