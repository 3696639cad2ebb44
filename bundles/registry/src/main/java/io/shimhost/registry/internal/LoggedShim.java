package io.shimhost.registry.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletionStage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;

import io.shimhost.api.ExitStatus;
import io.shimhost.api.NamespaceType;
import io.shimhost.api.ShimException;
import io.shimhost.api.ShimProcess;
import io.shimhost.api.ShimTimeoutException;
import io.shimhost.api.ShimType;

/**
 * A shim as the registry hands it out: every operation is the shim's own; signals and stops are
 * logged with Kata's fields (subsystem, shim-pid, shim-signal) plus type and container. As in
 * Kata, a shim without a process (pid 0 or -1) is neither signalled nor logged.
 */
final class LoggedShim implements ShimProcess {

    private static final Logger LOG = LoggerFactory.getLogger(LoggedShim.class);

    private final ShimProcess shim;
    /** When it was started, as recorded; null to ask the shim. */
    private final Instant started;

    LoggedShim(ShimProcess shim) {
        this(shim, null);
    }

    /**
     * An adopted shim keeps the start time its table recorded: the one its process gives again after
     * a restart is rebuilt from the boot time, which Linux gives in whole seconds.
     */
    LoggedShim(ShimProcess shim, Instant started) {
        this.shim = shim;
        this.started = started;
    }

    private LoggingEventBuilder info() {
        return LOG.atInfo().addKeyValue("subsystem", "shim").addKeyValue("shim-type", shim.type())
                .addKeyValue("container", shim.container()).addKeyValue("shim-pid", shim.pid());
    }

    @Override
    public void signal(int signal) throws ShimException {
        if (shim.pid() > 0) {
            info().addKeyValue("shim-signal", signal).log("Signalling shim");
        }
        shim.signal(signal);
    }

    @Override
    public void stop() throws ShimException {
        if (shim.pid() > 0) {
            info().log("Stopping shim");
        }
        shim.stop();
    }

    @Override
    public ShimType type() {
        return shim.type();
    }

    @Override
    public String container() {
        return shim.container();
    }

    @Override
    public String token() {
        return shim.token();
    }

    @Override
    public long pid() {
        return shim.pid();
    }

    @Override
    public Instant startTime() {
        return started != null ? started : shim.startTime();
    }

    @Override
    public OptionalLong startTicks() {
        return shim.startTicks();
    }

    @Override
    public boolean isRunning() {
        return shim.isRunning();
    }

    @Override
    public ExitStatus waitFor(Duration limit) throws ShimTimeoutException, InterruptedException {
        return shim.waitFor(limit);
    }

    @Override
    public Optional<ExitStatus> exitStatus() {
        return shim.exitStatus();
    }

    @Override
    public CompletionStage<ExitStatus> onExit() {
        return shim.onExit();
    }

    @Override
    public java.util.Optional<String> cgroup() {
        return shim.cgroup();
    }

    @Override
    public boolean ownsCgroup() {
        return shim.ownsCgroup();
    }

    @Override
    public Map<NamespaceType, Long> namespaces() {
        return shim.namespaces();
    }

    @Override
    public String toString() {
        return shim.toString();
    }
}
