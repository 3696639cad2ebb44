package io.shimhost.metrics.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;
import io.shimhost.api.ProcessService;
import io.shimhost.api.ProcessUsage;
import io.shimhost.api.registry.ShimRecord;

/**
 * Each running shim's usage as series labelled by id, type and container, read from {@code /proc}
 * when a scrape asks (configuration {@code per.shim = true}): one series per shim, so off by default.
 */
final class ShimUsageSeries {

    private static final String[] LABELS = {"id", "type", "container"};

    private final Supplier<List<ShimRecord>> table;
    private final Supplier<ProcessService> processes;

    ShimUsageSeries(Supplier<List<ShimRecord>> table, Supplier<ProcessService> processes) {
        this.table = table;
        this.processes = processes;
    }

    void register(PrometheusRegistry metrics) {
        CounterWithCallback.builder().name("shimhost_shim_cpu_seconds").unit(Unit.SECONDS)
                .help("CPU time of a running shim's process, by mode (user, system)")
                .labelNames("id", "type", "container", "mode")
                .callback(cb -> usages().forEach((r, u) -> {
                    cb.call(u.cpuUser().toMillis() / 1000.0, labels(r, "user"));
                    cb.call(u.cpuSystem().toMillis() / 1000.0, labels(r, "system"));
                })).register(metrics);
        GaugeWithCallback.builder().name("shimhost_shim_resident_bytes").unit(Unit.BYTES)
                .help("Resident memory of a running shim's process").labelNames(LABELS)
                .callback(cb -> usages().forEach((r, u) -> cb.call(u.residentBytes(), labels(r)))).register(metrics);
        GaugeWithCallback.builder().name("shimhost_shim_threads").help("Threads of a running shim's process")
                .labelNames(LABELS).callback(cb -> usages().forEach((r, u) -> cb.call(u.threads(), labels(r))))
                .register(metrics);
        GaugeWithCallback.builder().name("shimhost_shim_descriptors").help("Open descriptors of a running shim's process")
                .labelNames(LABELS).callback(cb -> usages().forEach((r, u) -> cb.call(u.descriptors(), labels(r))))
                .register(metrics);
    }

    /** The running shims whose process could be read, now. */
    private Map<ShimRecord, ProcessUsage> usages() {
        Map<ShimRecord, ProcessUsage> usages = new LinkedHashMap<>();
        ProcessService reader = processes.get();
        if (reader == null) {
            return usages;
        }
        for (ShimRecord record : table.get()) {
            if ("running".equals(record.state()) && record.shim().startTicks().isPresent()) {
                reader.usage(record.shim().pid(), record.shim().startTicks().getAsLong())
                        .ifPresent(u -> usages.put(record, u));
            }
        }
        return usages;
    }

    private static String[] labels(ShimRecord record, String... more) {
        String[] labels = new String[LABELS.length + more.length];
        labels[0] = record.shim().token();
        labels[1] = record.shim().type().toString();
        labels[2] = record.shim().container();
        System.arraycopy(more, 0, labels, LABELS.length, more.length);
        return labels;
    }
}
