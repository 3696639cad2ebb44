package io.shimhost.metrics.internal;

import java.io.IOException;
import java.util.List;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;
import io.shimhost.api.ExitStatus;
import io.shimhost.api.ShimType;
import io.shimhost.api.metrics.ShimMetrics;
import io.shimhost.api.ProcessService;
import io.shimhost.api.registry.ShimRecord;
import io.shimhost.api.registry.ShimRegistry;

/**
 * The node's metrics, made by {@link MetricsSwitch} while an address is configured: counters and histograms the
 * registry and core report to (a few nanoseconds each), the table counted only when scraped, all
 * served by the Prometheus client's HTTP server at /metrics on the configured address alone.
 */
@Component(service = ShimMetrics.class, factory = NodeMetrics.FACTORY)
public final class NodeMetrics implements ShimMetrics {

    static final String FACTORY = "io.shimhost.metrics.NodeMetrics";
    private static final Logger LOG = LoggerFactory.getLogger(NodeMetrics.class);

    private final PrometheusRegistry metrics = new PrometheusRegistry();
    private final Counter starts = Counter.builder().name("shimhost_starts").withoutExemplars()
            .help("Shim starts by type and result (started or failed)").labelNames("type", "result").register(metrics);
    private final Histogram startSeconds = Histogram.builder().name("shimhost_start_duration_seconds")
            .unit(Unit.SECONDS).help("How long starts took, failed ones included").labelNames("type")
            .classicOnly().classicUpperBounds(.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10)
            .withoutExemplars().register(metrics);
    private final Counter exits = Counter.builder().name("shimhost_exits").withoutExemplars()
            .help("Shim exits by type and how they ended (exited, killed, oom-killed, unknown)").labelNames("type", "how")
            .register(metrics);
    private final Counter adoptions = Counter.builder().name("shimhost_adoptions").withoutExemplars()
            .help("Recorded shims looked for at the registry's activation, by outcome (adopted, exited, lost)")
            .labelNames("outcome").register(metrics);
    private final Histogram tableWriteSeconds = Histogram.builder().name("shimhost_table_write_duration_seconds")
            .unit(Unit.SECONDS).help("How long writing the shim table to its file took (with sync and rename)")
            .classicOnly().classicUpperBounds(.0001, .00025, .0005, .001, .0025, .005, .01, .025, .05, .1, .25, 1)
            .withoutExemplars().register(metrics);
    private final Histogram wakeUpSeconds = Histogram.builder().name("shimhost_supervisor_wakeup_duration_seconds")
            .unit(Unit.SECONDS).help("How long the supervisor took from waking for exits to having reaped and told them")
            .classicOnly().classicUpperBounds(.00001, .000025, .00005, .0001, .00025, .0005, .001, .0025, .01, .1)
            .withoutExemplars().register(metrics);
    private final HTTPServer server;
    private volatile ShimRegistry registry;

    /** Reads each running shim's usage for the per-shim series; absent without a core bundle. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile ProcessService processes;

    @Activate
    public NodeMetrics(MetricsConfig config) throws IOException {
        ScrapeAddress address = ScrapeAddress.parse(config.address());
        GaugeWithCallback.builder().name("shimhost_shims").labelNames("type", "state", "supervision")
                .help("Shims in the registry's table by type, state and supervision")
                .callback(new ShimCensus(this::table)::count).register(metrics);
        if (config.per_shim()) {
            new ShimUsageSeries(this::table, () -> processes).register(metrics);
        }
        try {
            server = HTTPServer.builder().inetAddress(address.host()).port(address.port()).registry(metrics)
                    .buildAndStart();
        } catch (IOException e) {
            throw new IOException("Cannot serve metrics at " + address + " (" + MetricsConfig.PID + "): "
                    + e.getMessage() + "; choose a free address", e);
        }
        ScrapeAddress served = new ScrapeAddress(address.host(), server.getPort());
        if (address.host().isAnyLocalAddress()) {
            LOG.atWarn().addKeyValue("subsystem", "metrics").addKeyValue("address", address.host().getHostAddress())
                    .addKeyValue("port", server.getPort()).log("Serving metrics at http://" + served + "/metrics, on "
                            + "every interface: whoever reaches the node reads them; give a loopback or one "
                            + "interface's address in " + MetricsConfig.PID);
        } else {
            LOG.atInfo().addKeyValue("subsystem", "metrics").addKeyValue("address", address.host().getHostAddress())
                    .addKeyValue("port", server.getPort()).log("Serving metrics at http://" + served + "/metrics");
        }
    }

    @Deactivate
    void deactivate() {
        server.close();
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setRegistry(ShimRegistry registry) {
        this.registry = registry;
    }

    void unsetRegistry(ShimRegistry registry) {
        if (this.registry == registry) {
            this.registry = null;
        }
    }

    private List<ShimRecord> table() {
        ShimRegistry r = registry;
        return r == null ? List.of() : r.table();
    }

    /** @return the port served, which differs from the configured one when that was 0 */
    int port() {
        return server.getPort();
    }

    @Override
    public void startEnded(ShimType type, boolean started, long nanos) {
        String name = type.toString();
        starts.labelValues(name, started ? "started" : "failed").inc();
        startSeconds.labelValues(name).observe(Unit.nanosToSeconds(nanos));
    }

    @Override
    public void shimExited(ShimType type, ExitStatus status) {
        exits.labelValues(type.toString(), status.kind().name().toLowerCase().replace('_', '-')).inc();
    }

    @Override
    public void adopted(Adoption outcome) {
        adoptions.labelValues(outcome.name().toLowerCase()).inc();
    }

    @Override
    public void tableWritten(long nanos) {
        tableWriteSeconds.observe(Unit.nanosToSeconds(nanos));
    }

    @Override
    public void supervisorWoke(long nanos) {
        wakeUpSeconds.observe(Unit.nanosToSeconds(nanos));
    }
}
