package io.shimhost.json;

import com.fasterxml.jackson.core.JsonGenerator;
import io.shimhost.api.Signals;
import io.shimhost.api.registry.ShimEvents;
import java.io.IOException;
import java.time.Instant;
import org.osgi.service.event.Event;

/**
 * The JSON of the registry's events: one object a line with {@code time}, {@code event},
 * {@code id}, {@code type}, {@code container}, {@code sandbox}, {@code pid}, {@code exitCode},
 * {@code signal} and {@code sequence}, null where the event has no such field; and of the
 * notices a stream adds of its own ({@code dropped}, {@code incomplete}).
 */
public final class EventJson {

    private EventJson() {
    }

    /**
     * @param event a registry event ({@link ShimEvents})
     * @return its object on one line
     */
    public static String of(Event event) {
        return ShimJson.of(json -> {
            json.writeStartObject();
            json.writeStringField("time", time(event).toString());
            json.writeStringField("event", (String) event.getProperty(ShimEvents.EVENT));
            json.writeStringField("id", (String) event.getProperty(ShimEvents.ID));
            json.writeStringField("type", (String) event.getProperty(ShimEvents.TYPE));
            json.writeStringField("container", (String) event.getProperty(ShimEvents.CONTAINER));
            json.writeStringField("sandbox", (String) event.getProperty(ShimEvents.SANDBOX));
            writeNumber(json, "pid", event.getProperty(ShimEvents.PID));
            writeNumber(json, "exitCode", event.getProperty(ShimEvents.EXIT_CODE));
            Object signal = event.getProperty(ShimEvents.SIGNAL);
            json.writeStringField("signal", signal instanceof Integer ? Signals.name((Integer) signal) : null);
            json.writeStringField("reason", (String) event.getProperty(ShimEvents.REASON));
            writeNumber(json, "sequence", event.getProperty(ShimEvents.SEQUENCE));
            json.writeEndObject();
        });
    }

    /**
     * A line of the stream's own, not a registry event: {@code time}, {@code event} and one field.
     *
     * @param time when
     * @param event what ({@code dropped}, {@code incomplete})
     * @param field the field's name
     * @param value a number or a text
     * @return the object on one line
     */
    public static String notice(Instant time, String event, String field, Object value) {
        return ShimJson.of(json -> {
            json.writeStartObject();
            json.writeStringField("time", time.toString());
            json.writeStringField("event", event);
            if (value instanceof Number number) {
                json.writeNumberField(field, number.longValue());
            } else {
                json.writeStringField(field, value.toString());
            }
            json.writeEndObject();
        });
    }

    /**
     * @param event a registry event
     * @return when it was posted (its {@code timestamp}), or now when it carries none
     */
    public static Instant time(Event event) {
        Object millis = event.getProperty("timestamp");
        return millis instanceof Long ? Instant.ofEpochMilli((Long) millis) : Instant.now();
    }

    private static void writeNumber(JsonGenerator json, String name, Object value) throws IOException {
        json.writeFieldName(name);
        if (value instanceof Number) {
            json.writeNumber(((Number) value).longValue());
        } else {
            json.writeNull();
        }
    }
}
