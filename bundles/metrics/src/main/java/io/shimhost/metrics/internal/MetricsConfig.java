package io.shimhost.metrics.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The metrics' configuration, PID {@value #PID}: metrics are on while it names an address. */
@ObjectClassDefinition(id = MetricsConfig.PID, name = "shimhost metrics",
        description = "Serves the node's metrics in the Prometheus text format at /metrics.")
@interface MetricsConfig {

    String PID = "io.shimhost.metrics";

    @AttributeDefinition(name = "Address", required = false, description = "HOST:PORT to serve at, bound to that "
            + "address only ([ADDRESS]:PORT for IPv6), for example 127.0.0.1:9464. Keep it on loopback unless the "
            + "network to it is trusted. Empty: metrics are off, nothing is measured.")
    String address() default "";

    @AttributeDefinition(name = "Per shim", required = false, description = "Also serve each running shim's CPU "
            + "seconds, resident bytes, threads and descriptors, labelled by id, type and container "
            + "(shimhost_shim_*): one series per shim, so off by default.")
    boolean per_shim() default false;
}
