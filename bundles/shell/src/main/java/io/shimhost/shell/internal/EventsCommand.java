package io.shimhost.shell.internal;

import io.shimhost.api.registry.ShimEventHistory;
import io.shimhost.api.registry.Since;
import io.shimhost.api.registry.ShimEventHistory.Replay;
import io.shimhost.api.registry.ShimEvents;
import io.shimhost.shell.internal.CommandSyntax.Parsed;
import java.util.Dictionary;
import java.util.Hashtable;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Function;
import org.apache.felix.service.command.annotations.GogoCommand;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;

/**
 * {@code shim:events}: follows the registry's events through Event Admin, one line each, until the
 * command is interrupted (Ctrl-C, or its control client going away). Each run subscribes for as
 * long as it runs; a reader that falls behind by more than {@link #BACKLOG} events is told how many
 * it missed rather than holding the framework's memory. With {@code --since} it first replays the
 * registry's history from that time: it subscribes first, so that no event falls between the two,
 * and leaves out the new events it replayed already (by their sequence).
 */
@Component(service = Function.class)
@GogoCommand(scope = "shim", function = "events")
public final class EventsCommand extends ShimCommand {

    static final CommandSyntax SYNTAX = new CommandSyntax("events",
            "print the shim registry's events as they happen, one a line, until interrupted (Ctrl-C)",
            List.of(Format.option(), CommandSyntax.option(null, "--since", "TIME", null,
                    "first the events since TIME (2026-12-07T15:00:00Z, or ago: 30s, 10m, 2h, 1d) that the registry still keeps")),
            List.of());

    static final int BACKLOG = 10_000;

    private final BundleContext context;

    /** Only checked for: without it there are no events to follow. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile EventAdmin eventAdmin;

    /** The registry's latest events, for --since. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile ShimEventHistory history;

    @Activate
    public EventsCommand(BundleContext context) {
        super(SYNTAX);
        this.context = context;
    }

    @Override
    Object run(Parsed line) throws Exception {
        Format format = Format.parse(line.option(Format.OPTION));
        Instant since = line.option("--since") == null ? null : Since.parse("--since", line.option("--since"), Instant.now());
        ShimEventHistory replayed = history;
        if (since != null && replayed == null) {
            throw new IllegalStateException("shim:events --since needs the shim registry's history: deploy io.shimhost.registry");
        }
        if (eventAdmin == null) {
            throw new IllegalStateException("shim:events needs an Event Admin service: deploy one, such as "
                    + "org.apache.felix.eventadmin (in Karaf: feature:install eventadmin)");
        }
        BlockingQueue<Event> events = new LinkedBlockingQueue<>(BACKLOG);
        AtomicLong dropped = new AtomicLong();
        Dictionary<String, Object> topics = new Hashtable<>();
        topics.put(EventConstants.EVENT_TOPIC, ShimEvents.ALL_TOPICS);
        ServiceRegistration<EventHandler> subscription = context.registerService(EventHandler.class, event -> {
            if (!events.offer(event)) {
                dropped.incrementAndGet();
            }
        }, topics);
        try {
            long seen = since == null ? 0 : replay(replayed.since(since), since, format);
            follow(events, dropped, format, seen);
        } catch (InterruptedException e) {
            // the operator's Ctrl-C, or the client gone: the end of the stream, not an error
        } finally {
            subscription.unregister();
        }
        return "";
    }

    /** @return the highest sequence replayed */
    private static long replay(Replay replay, Instant since, Format format) {
        if (!replay.complete()) {
            System.out.println(EventLines.incomplete(since, format));
        }
        long seen = 0;
        for (Map<String, Object> properties : replay.events()) {
            Event event = new Event(ShimEvents.topic((String) properties.get(ShimEvents.EVENT)), properties);
            System.out.println(EventLines.of(event, format));
            seen = Math.max(seen, sequence(event));
        }
        System.out.flush();
        return seen;
    }

    private static long sequence(Event event) {
        return event.getProperty(ShimEvents.SEQUENCE) instanceof Long sequence ? sequence : 0;
    }

    /**
     * @param replayed the highest sequence the replay printed: the events both replayed and received
     *        (posted between the subscription and the replay) come first and are not shown again; after
     *        the first newer one nothing is left out (a registry started anew counts from 1 again)
     */
    private static void follow(BlockingQueue<Event> events, AtomicLong dropped, Format format, long replayed)
            throws InterruptedException {
        long seen = replayed;
        while (!System.out.checkError()) {
            Event event = events.take();
            if (seen > 0 && sequence(event) > 0 && sequence(event) <= seen) {
                continue;
            }
            seen = 0;
            long missed = dropped.getAndSet(0);
            if (missed > 0) {
                System.out.println(EventLines.dropped(missed, format));
            }
            System.out.println(EventLines.of(event, format));
            System.out.flush();
        }
    }

    /** For {@code help shim:events}, which lists the methods named like the command; runs it too. */
    @Descriptor("print the shim registry's events as they happen, one a line, until interrupted (Ctrl-C)")
    public void events(@Descriptor("see shim:events --help") String... args) throws Exception {
        execute(null, List.of((Object[]) args));
    }
}
