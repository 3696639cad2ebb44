package io.shimhost.metrics.internal;

import java.util.Hashtable;
import java.util.Map;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.osgi.service.component.ComponentException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.osgi.service.component.ComponentFactory;
import org.osgi.service.component.ComponentInstance;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Turns metrics on while {@value MetricsConfig#PID} names an address, and off otherwise: the
 * launcher ships that configuration with every line commented out, which still makes a (blank)
 * configuration. Only while on is there a {@code ShimMetrics} service for the registry and the core
 * to report to, so off costs them nothing. A change of configuration restarts the metrics.
 */
@Component(configurationPid = MetricsConfig.PID, configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true)
@Designate(ocd = MetricsConfig.class)
public final class MetricsSwitch {

    private static final Logger LOG = LoggerFactory.getLogger(MetricsSwitch.class);
    /** How often a busy address is tried again. */
    static final Duration RETRY = Duration.ofSeconds(5);

    private final ComponentFactory<NodeMetrics> factory;
    private final String address;
    private final boolean perShim;
    private ComponentInstance<NodeMetrics> metrics;
    private ScheduledExecutorService retries;
    private boolean stopped;

    @Activate
    public MetricsSwitch(MetricsConfig config,
            @Reference(target = "(component.factory=" + NodeMetrics.FACTORY + ")") ComponentFactory<NodeMetrics> factory) {
        this.factory = factory;
        this.address = config.address();
        this.perShim = config.per_shim();
        if (!address.isBlank()) {
            // checked here, once: a metrics instance that fails to activate is retried by every consumer
            ScrapeAddress.parse(address);
            start();
        }
    }

    /**
     * A busy port (another process has it, or a metrics server not yet gone) is logged once and
     * tried again every {@link #RETRY} until it is free: metrics come back without a restart.
     */
    private synchronized void start() {
        if (stopped) {
            return;
        }
        try {
            metrics = factory.newInstance(new Hashtable<>(Map.of("address", address, "per.shim", perShim)));
            if (retries != null) {
                retries.shutdown();
                retries = null;
            }
        } catch (ComponentException e) {
            if (retries == null) {
                LOG.atError().addKeyValue("subsystem", "metrics").addKeyValue("address", address)
                        .log(OneCause.of(e) + "; trying again every " + RETRY.toSeconds() + " s");
                retries = Executors.newSingleThreadScheduledExecutor(r -> {
                    Thread thread = new Thread(r, "shimhost-metrics-retry");
                    thread.setDaemon(true);
                    return thread;
                });
            }
            retries.schedule(this::start, RETRY.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    @Deactivate
    synchronized void deactivate() {
        stopped = true;
        if (retries != null) {
            retries.shutdownNow();
        }
        if (metrics != null) {
            metrics.dispose();
        }
    }

    /** SCR wraps the instance's failure: the metrics' own message says what went wrong, else the innermost one. */
    private static final class OneCause {
        static String of(Throwable e) {
            String message = e.toString();
            for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
                if (cause.getMessage() != null) {
                    message = cause.getMessage();
                    if (message.startsWith("Cannot serve metrics")) {
                        break;
                    }
                }
            }
            return message;
        }
    }
}
