package io.shimhost.http.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;

import io.shimhost.api.ShimException;
import io.shimhost.api.registry.ShimEventHistory;
import io.shimhost.api.registry.ShimEventHistory.Replay;
import io.shimhost.api.registry.ShimEvents;
import io.shimhost.api.registry.Since;
import io.shimhost.json.EventJson;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code GET /v1/events}: the registry's events as newline-delimited JSON, as {@code shim:events
 * --format json} prints them, until the client goes away. {@code since} replays the registry's
 * window first (subscribed before, so that nothing falls between; an {@code incomplete} line when
 * the window no longer held everything); {@code type} and {@code id} keep only a shim type's or a
 * shim's events. A reader more than {@value #BACKLOG} events behind is told how many it missed
 * ({@code dropped}). A blank line every {@value #KEEPALIVE_SECONDS} s without events finds a client
 * that went away, which ends the subscription.
 */
final class EventFeed {

    static final int BACKLOG = 10_000;
    static final long KEEPALIVE_SECONDS = 10;
    static final String NDJSON = "application/x-ndjson";

    private final BundleContext context;
    private final ShimEventHistory history;

    EventFeed(BundleContext context, ShimEventHistory history) {
        this.context = context;
        this.history = history;
    }

    void stream(HttpServletRequest request, HttpServletResponse response)
            throws Problem, ShimException, IOException {
        String sinceText = request.getParameter("since");
        Instant since = sinceText == null ? null : Since.parse("since", sinceText, Instant.now());
        if (since != null && history == null) {
            throw Problem.of(503, "The shim registry's history is not ready: try again");
        }
        String type = request.getParameter("type");
        String id = request.getParameter("id");
        BlockingQueue<Event> events = new LinkedBlockingQueue<>(BACKLOG);
        AtomicLong dropped = new AtomicLong();
        Dictionary<String, Object> topics = new Hashtable<>();
        topics.put(EventConstants.EVENT_TOPIC, ShimEvents.ALL_TOPICS);
        ServiceRegistration<EventHandler> subscription = context.registerService(EventHandler.class, event -> {
            if (matches(event, ShimEvents.TYPE, type) && matches(event, ShimEvents.ID, id) && !events.offer(event)) {
                dropped.incrementAndGet();
            }
        }, topics);
        try {
            response.setStatus(200);
            response.setContentType(NDJSON);
            OutputStream out = response.getOutputStream();
            long seen = since == null ? 0 : replay(out, history.since(since), since, type, id);
            out.flush();
            follow(out, events, dropped, seen);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // the client went away: the end of its stream
        } finally {
            subscription.unregister();
        }
    }

    private static boolean matches(Event event, String property, String wanted) {
        return wanted == null || wanted.equals(event.getProperty(property));
    }

    /** @return the highest sequence replayed */
    private static long replay(OutputStream out, Replay replay, Instant since, String type, String id) throws IOException {
        if (!replay.complete()) {
            line(out, EventJson.notice(Instant.now(), "incomplete", "since", since));
        }
        long seen = 0;
        for (Map<String, Object> properties : replay.events()) {
            Event event = new Event(ShimEvents.topic((String) properties.get(ShimEvents.EVENT)), properties);
            if (matches(event, ShimEvents.TYPE, type) && matches(event, ShimEvents.ID, id)) {
                line(out, EventJson.of(event));
            }
            seen = Math.max(seen, sequence(event));
        }
        return seen;
    }

    /** Events both replayed and received come first and are not sent again (see shim:events). */
    private static void follow(OutputStream out, BlockingQueue<Event> events, AtomicLong dropped, long replayed)
            throws IOException, InterruptedException {
        long seen = replayed;
        while (true) {
            Event event = events.poll(KEEPALIVE_SECONDS, TimeUnit.SECONDS);
            if (event == null) {
                out.write('\n');
                out.flush();
                continue;
            }
            if (seen > 0 && sequence(event) > 0 && sequence(event) <= seen) {
                continue;
            }
            seen = 0;
            long missed = dropped.getAndSet(0);
            if (missed > 0) {
                line(out, EventJson.notice(Instant.now(), "dropped", "count", missed));
            }
            line(out, EventJson.of(event));
            out.flush();
        }
    }

    private static long sequence(Event event) {
        return event.getProperty(ShimEvents.SEQUENCE) instanceof Long sequence ? sequence : 0;
    }

    private static void line(OutputStream out, String json) throws IOException {
        out.write((json + "\n").getBytes(StandardCharsets.UTF_8));
    }
}
