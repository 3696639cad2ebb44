package io.shimhost.registry.internal;

import java.util.EnumMap;
import java.util.Map;

import io.shimhost.api.ExitStatus;
import io.shimhost.api.ShimType;
import io.shimhost.api.metrics.ShimMetrics;

/**
 * The registry's reports to the metrics service, dropped while there is none: then no clock is
 * read either. Adoptions happen once, at activation, usually before the metrics service comes;
 * their outcomes are kept and told to each metrics service when it arrives.
 */
final class Measurements {

    private volatile ShimMetrics metrics;
    private final Map<ShimMetrics.Adoption, Long> adoptions = new EnumMap<>(ShimMetrics.Adoption.class);

    synchronized void use(ShimMetrics metrics) {
        adoptions.forEach((outcome, count) -> {
            for (long i = 0; i < count; i++) {
                metrics.adopted(outcome);
            }
        });
        this.metrics = metrics;
    }

    synchronized void drop(ShimMetrics metrics) {
        if (this.metrics == metrics) {
            this.metrics = null;
        }
    }

    /** @return the time to measure from, or 0 while metrics are off */
    long clock() {
        return metrics == null ? 0 : System.nanoTime();
    }

    void startEnded(ShimType type, boolean started, long since) {
        ShimMetrics m = metrics;
        if (m != null && since != 0) {
            m.startEnded(type, started, System.nanoTime() - since);
        }
    }

    void shimExited(ShimType type, ExitStatus status) {
        ShimMetrics m = metrics;
        if (m != null) {
            m.shimExited(type, status);
        }
    }

    synchronized void adopted(ShimMetrics.Adoption outcome) {
        adoptions.merge(outcome, 1L, Long::sum);
        if (metrics != null) {
            metrics.adopted(outcome);
        }
    }

    void tableWritten(long since) {
        ShimMetrics m = metrics;
        if (m != null && since != 0) {
            m.tableWritten(System.nanoTime() - since);
        }
    }
}
