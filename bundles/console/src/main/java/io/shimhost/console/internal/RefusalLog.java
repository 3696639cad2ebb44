package io.shimhost.console.internal;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The control socket's warnings about connections it refused or could not serve, at most one line
 * per {@value #QUIET_SECONDS} s, the next one saying how many were not logged meanwhile: a flood of
 * connections must not become a flood in the journal.
 */
final class RefusalLog {

    private static final Logger LOG = LoggerFactory.getLogger(ControlSocket.class);
    private static final long QUIET_SECONDS = 10;

    private final Path socket;
    private long lastLogged = System.nanoTime() - TimeUnit.SECONDS.toNanos(QUIET_SECONDS + 1);
    private long unlogged;

    RefusalLog(Path socket) {
        this.socket = socket;
    }

    void tooMany(int bound) {
        warn("connections", bound, "Refused a control connection: " + bound + " are open ("
                + ControlLimits.CONNECTIONS_PROPERTY + ")");
    }

    void acceptFailed(Exception e) {
        warn("error", e.getMessage(), "Cannot accept a control connection: " + e.getMessage());
    }

    void failed(Throwable e) {
        warn("error", e.toString(), "Could not serve a control connection: " + e);
    }

    private synchronized void warn(String key, Object value, String message) {
        long now = System.nanoTime();
        if (now - lastLogged < TimeUnit.SECONDS.toNanos(QUIET_SECONDS)) {
            unlogged++;
            return;
        }
        LOG.atWarn().addKeyValue("socket", socket).addKeyValue(key, value).addKeyValue("unlogged", unlogged)
                .log(unlogged == 0 ? message : message + " (and " + unlogged + " more not logged in the last "
                        + QUIET_SECONDS + " s)");
        lastLogged = now;
        unlogged = 0;
    }
}
