package io.shimhost.metrics.internal;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.shimhost.api.registry.ShimRecord;

/** Counts the table's shims by type, state and supervision, when a scrape asks. */
final class ShimCensus {

    private final Supplier<List<ShimRecord>> table;

    ShimCensus(Supplier<List<ShimRecord>> table) {
        this.table = table;
    }

    void count(GaugeWithCallback.Callback gauge) {
        Map<List<String>, Integer> counts = new TreeMap<>((a, b) -> String.join("\0", a).compareTo(String.join("\0", b)));
        for (ShimRecord record : table.get()) {
            counts.merge(List.of(record.shim().type().toString(), record.state(),
                    record.supervision().name().toLowerCase()), 1, Integer::sum);
        }
        counts.forEach((labels, n) -> gauge.call(n, labels.toArray(String[]::new)));
    }
}
