package io.shimhost.metrics.internal;

import java.util.Hashtable;
import java.util.Map;

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

    private final ComponentInstance<NodeMetrics> metrics;

    @Activate
    public MetricsSwitch(MetricsConfig config,
            @Reference(target = "(component.factory=" + NodeMetrics.FACTORY + ")") ComponentFactory<NodeMetrics> factory) {
        if (config.address().isBlank()) {
            metrics = null;
        } else {
            // checked here, once: a metrics instance that fails to activate is retried by every consumer
            ScrapeAddress.parse(config.address());
            metrics = factory.newInstance(new Hashtable<>(Map.of("address", config.address())));
        }
    }

    @Deactivate
    void deactivate() {
        if (metrics != null) {
            metrics.dispose();
        }
    }
}
