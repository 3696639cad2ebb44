package io.shimhost.registry.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;

import io.shimhost.api.ExitStatus;
import io.shimhost.api.ShimProcess;
import io.shimhost.api.registry.ShimEvents;

/**
 * The INFO lines of a shim's life that an operator reads after the fact: its start, its exit (with
 * its exit code, or the signal that killed it), its adoption after a restart, its record forgotten. Each
 * with the shim's id, pid, type and container, as structured fields.
 */
final class LifecycleLog {

    private static final Logger LOG = LoggerFactory.getLogger(LifecycleLog.class);

    private LifecycleLog() {
    }

    /** Logs the steps of a shim's life; a type's coming and going is logged where the catalog changes. */
    static void log(ShimEvent event) {
        if (event.shim() == null) {
            return;
        }
        LoggingEventBuilder line = fields(event.shim());
        switch (event.name()) {
            case ShimEvents.STARTED -> line.addKeyValue("sandbox", event.sandbox()).log("Shim started");
            case ShimEvents.EXITED -> exitFields(line, event.status()).log("Shim exited");
            case ShimEvents.ADOPTED -> line.log("Shim adopted");
            case ShimEvents.FORGOTTEN -> line.log("Shim forgotten");
            default -> {
                // lost: warned of with its reason where it is found
            }
        }
    }

    private static LoggingEventBuilder exitFields(LoggingEventBuilder line, ExitStatus status) {
        return switch (status.kind()) {
            case EXITED -> line.addKeyValue("exit-code", status.value());
            case KILLED -> line.addKeyValue("signal", status.value());
            case OOM_KILLED -> line.addKeyValue("signal", status.value()).addKeyValue("reason", "oom-killed");
            default -> line.addKeyValue("status", "unknown");
        };
    }

    private static LoggingEventBuilder fields(ShimProcess shim) {
        return LOG.atInfo().addKeyValue("subsystem", "shim").addKeyValue("id", shim.token())
                .addKeyValue("shim-pid", shim.pid()).addKeyValue("shim-type", shim.type())
                .addKeyValue("container", shim.container());
    }
}
