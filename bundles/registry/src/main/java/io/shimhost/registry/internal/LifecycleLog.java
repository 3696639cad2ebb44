package io.shimhost.registry.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;

import io.shimhost.api.ExitStatus;
import io.shimhost.api.ShimProcess;

/**
 * The INFO lines of a shim's life that an operator reads after the fact: its start, its exit (with
 * its exit code, or the signal that killed it), its adoption after a restart, its record forgotten. Each
 * with the shim's id, pid, type and container, as structured fields.
 */
final class LifecycleLog {

    private static final Logger LOG = LoggerFactory.getLogger(LifecycleLog.class);

    private LifecycleLog() {
    }

    static void started(ShimProcess shim, String sandbox) {
        fields(shim).addKeyValue("sandbox", sandbox).log("Shim started");
    }

    static void exited(ShimProcess shim, ExitStatus status) {
        LoggingEventBuilder event = fields(shim);
        switch (status.kind()) {
            case EXITED -> event.addKeyValue("exit-code", status.value());
            case KILLED -> event.addKeyValue("signal", status.value());
            default -> event.addKeyValue("status", "unknown");
        }
        event.log("Shim exited");
    }

    static void adopted(ShimProcess shim) {
        fields(shim).log("Shim adopted");
    }

    static void forgotten(ShimProcess shim) {
        fields(shim).log("Shim forgotten");
    }

    private static LoggingEventBuilder fields(ShimProcess shim) {
        return LOG.atInfo().addKeyValue("subsystem", "shim").addKeyValue("id", shim.token())
                .addKeyValue("shim-pid", shim.pid()).addKeyValue("shim-type", shim.type())
                .addKeyValue("container", shim.container());
    }
}
