package io.shimhost.registry.internal;

import io.shimhost.api.ExitStatus;
import io.shimhost.api.ShimProcess;
import io.shimhost.api.ShimType;
import io.shimhost.api.registry.ShimEvents;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One step of a shim's life, or a shim type coming or going, as the registry tells it: to the log,
 * to its typed listeners and to Event Admin.
 *
 * @param name the event's name, one of {@link ShimEvents}' names
 * @param time when it happened
 * @param type the shim type
 * @param shim the shim, or null for a type event
 * @param sandbox the shim's sandbox, or null for a type event
 * @param status how the shim ended, for an {@code exited} event; null otherwise
 */
record ShimEvent(String name, Instant time, ShimType type, ShimProcess shim, String sandbox, ExitStatus status) {

    static ShimEvent of(String name, ShimProcess shim, String sandbox) {
        return new ShimEvent(name, Instant.now(), shim.type(), shim, sandbox, null);
    }

    static ShimEvent exited(ShimProcess shim, String sandbox, ExitStatus status) {
        return new ShimEvent(ShimEvents.EXITED, Instant.now(), shim.type(), shim, sandbox, status);
    }

    static ShimEvent ofType(String name, ShimType type) {
        return new ShimEvent(name, Instant.now(), type, null, null, null);
    }

    Optional<ExitStatus> exitStatus() {
        return Optional.ofNullable(status);
    }

    /** @return the Event Admin properties, as {@link ShimEvents} documents them */
    Map<String, Object> properties() {
        Map<String, Object> properties = new HashMap<>();
        properties.put(ShimEvents.EVENT, name);
        properties.put("timestamp", time.toEpochMilli());
        properties.put(ShimEvents.TYPE, type.toString());
        if (shim != null) {
            properties.put(ShimEvents.ID, shim.token());
            properties.put(ShimEvents.CONTAINER, shim.container());
            properties.put(ShimEvents.SANDBOX, sandbox);
            properties.put(ShimEvents.PID, shim.pid());
        }
        exitStatus().ifPresent(s -> {
            switch (s.kind()) {
                case EXITED -> properties.put(ShimEvents.EXIT_CODE, s.value());
                case KILLED -> properties.put(ShimEvents.SIGNAL, s.value());
                case OOM_KILLED -> {
                    properties.put(ShimEvents.SIGNAL, s.value());
                    properties.put(ShimEvents.REASON, ShimEvents.OOM_KILLED);
                }
                default -> {
                    // unknown: neither is known
                }
            }
        });
        return properties;
    }
}
