package io.shimhost.shell.internal;

import io.shimhost.api.Signals;
import io.shimhost.api.registry.ShimEvents;
import io.shimhost.json.EventJson;
import java.time.Instant;
import org.osgi.service.event.Event;

/**
 * How {@code shim:events} prints an event: in text, the time, the event's name and its fields as
 * {@code key=value}; in JSON, one object a line with {@code time}, {@code event}, {@code id},
 * {@code type}, {@code container}, {@code sandbox}, {@code pid}, {@code exitCode},
 * {@code signal} and {@code sequence}, null where the event has no such field.
 */
final class EventLines {

    private EventLines() {
    }

    static String of(Event event, Format format) {
        return format == Format.JSON ? EventJson.of(event) : text(event);
    }

    /** The line that stands for events dropped because the reader fell behind. */
    static String dropped(long count, Format format) {
        return notice(format, "dropped", "count", count, "the reader fell behind");
    }

    /** The line that says the history no longer held every event since the time asked for. */
    static String incomplete(Instant since, Format format) {
        return notice(format, "incomplete", "since", since, "older events have left the registry's window of the latest ones");
    }

    /** A line of the stream's own, not a registry event: {@code time}, {@code event} and one field, a number or a text. */
    private static String notice(Format format, String event, String field, Object value, String why) {
        Instant time = Instant.now();
        if (format != Format.JSON) {
            return time + " " + event + " " + field + "=" + value + " (" + why + ")";
        }
        return EventJson.notice(time, event, field, value);
    }

    private static String text(Event event) {
        StringBuilder line = new StringBuilder(time(event)).append(' ').append(event.getProperty(ShimEvents.EVENT));
        field(line, "id", event.getProperty(ShimEvents.ID));
        field(line, "type", event.getProperty(ShimEvents.TYPE));
        Object container = event.getProperty(ShimEvents.CONTAINER);
        field(line, "container", "".equals(container) ? "-" : container);
        field(line, "sandbox", event.getProperty(ShimEvents.SANDBOX));
        field(line, "pid", event.getProperty(ShimEvents.PID));
        field(line, "exit-code", event.getProperty(ShimEvents.EXIT_CODE));
        Object signal = event.getProperty(ShimEvents.SIGNAL);
        field(line, "signal", signal instanceof Integer ? Signals.name((Integer) signal) : null);
        field(line, "reason", event.getProperty(ShimEvents.REASON));
        if (ShimEvents.EXITED.equals(event.getProperty(ShimEvents.EVENT)) && signal == null
                && event.getProperty(ShimEvents.EXIT_CODE) == null) {
            field(line, "status", "unknown");
        }
        return line.toString();
    }

    private static void field(StringBuilder line, String key, Object value) {
        if (value != null) {
            line.append(' ').append(key).append('=').append(value);
        }
    }

    private static String time(Event event) {
        return EventJson.time(event).toString();
    }
}
