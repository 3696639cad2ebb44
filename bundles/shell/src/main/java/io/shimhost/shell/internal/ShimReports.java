package io.shimhost.shell.internal;

import io.shimhost.api.Signals;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

import io.shimhost.api.ExitStatus;
import io.shimhost.api.InvalidParameterException;
import io.shimhost.api.NamespaceType;
import io.shimhost.api.ProcessService;
import io.shimhost.api.ProcessUsage;
import io.shimhost.api.SandboxConfig;
import io.shimhost.api.ShimException;
import io.shimhost.api.ShimProcess;
import io.shimhost.api.ShimTimeoutException;
import io.shimhost.api.ShimType;
import io.shimhost.api.registry.DeployedShim;
import io.shimhost.api.registry.ShimConfigEntry;
import io.shimhost.api.registry.ShimFilter;
import io.shimhost.api.registry.ShimPlan;
import io.shimhost.api.registry.ShimRecord;
import io.shimhost.api.registry.ShimRecord.Supervision;
import io.shimhost.api.registry.ShimRegistry;
import io.shimhost.api.registry.Timeout;
import io.shimhost.json.ShimJson;

/**
 * What each {@code shim} command shows, as text: tables, outcomes, and errors as exceptions whose
 * message is the one line the shell prints. A service of this bundle's own, shared by the commands.
 */
@Component(service = ShimReports.class)
public final class ShimReports {

    private final ShimRegistry registry;

    /** Tells the framework's own namespaces; absent when no core bundle is deployed. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile ProcessService processes;

    @Activate
    public ShimReports(@Reference(name = "registry") ShimRegistry registry) {
        this.registry = registry;
    }

    /** @return the table and the deployed types, as completion reads them */
    Completions.Node node() {
        return new Completions.Node(registry.table(), registry.deployedTypes());
    }

    String types(Format format) {
        if (format == Format.JSON) {
            return ShimJson.types(registry.deployed());
        }
        TextTable table = new TextTable("TYPE", "BUNDLE", "VERSION", "RANKING", "SERVING");
        for (DeployedShim d : registry.deployed()) {
            table.row(d.type(), d.bundleSymbolicName(), d.bundleVersion(), d.ranking(), d.serving() ? "*" : "");
        }
        return table.toString();
    }

    /** A type's configuration: each key with its type, default, current value and origin, then its description. */
    String config(ShimType type, Format format) throws ShimException {
        List<ShimConfigEntry> entries = registry.configuration(type);
        if (format == Format.JSON) {
            return ShimJson.config(type, entries);
        }
        if (entries.isEmpty()) {
            return type + " takes no configuration";
        }
        TextTable table = new TextTable("KEY", "TYPE", "DEFAULT", "VALUE", "ORIGIN");
        for (ShimConfigEntry e : entries) {
            table.row(e.key(), e.type(), e.defaultValue(), e.value(), e.origin());
        }
        StringBuilder text = new StringBuilder(table.toString());
        for (ShimConfigEntry e : entries) {
            text.append("\n").append(e.key()).append(": ").append(e.description());
        }
        return text.toString();
    }

    String start(StartRequest request) throws ShimException {
        SandboxConfig sandbox = SandboxConfig.of(request.sandbox(), request.type(), request.config());
        if (request.dryRun()) {
            ShimPlan plan = registry.plan(sandbox, request.params());
            return request.format() == Format.JSON ? ShimJson.plan(plan) : PlanText.of(plan);
        }
        ShimProcess shim = registry.start(sandbox, request.params());
        if (request.format() == Format.JSON) {
            return ShimJson.shim(registry.record(shim.token()).orElse(new ShimRecord(shim, sandbox.id(), Supervision.STARTED)));
        }
        return "id=" + shim.token() + " pid=" + shim.pid();
    }

    /**
     * Streamed: the table's copy from the registry is the only one held.
     *
     * @param quiet only the ids, one a line
     * @param filters what each shim listed must match
     */
    Object ps(Format format, boolean quiet, List<ShimFilter> filters) {
        List<ShimRecord> records = filters.isEmpty() ? registry.table()
                : registry.table().stream().filter(r -> filters.stream().allMatch(f -> f.test(r))).toList();
        if (quiet) {
            return (Streamed) out -> records.forEach(r -> out.println(r.shim().token()));
        }
        if (format == Format.JSON) {
            return (Streamed) out -> ShimJson.writeShims(out, records);
        }
        TextTable table = new TextTable("ID", "TYPE", "CONTAINER", "PID", "STATE", "SUPERVISION", "STARTED", "UPTIME");
        Instant now = Instant.now();
        for (ShimRecord record : records) {
            ShimProcess shim = record.shim();
            table.row(shim.token(), shim.type(), shim.container().isEmpty() ? "-" : shim.container(), shim.pid(),
                    ShimStates.state(record), record.supervision().name().toLowerCase(),
                    shim.startTime().truncatedTo(ChronoUnit.SECONDS),
                    shim.isRunning() ? ShimStates.uptime(Duration.between(shim.startTime(), now)) : "-");
        }
        return table;
    }

    String signal(String shim, String signal)
            throws ShimException {
        int number = Signals.parse(signal);
        ShimRecord target = record(shim);
        Optional<String> notSent = notSent(target, Signals.name(number));
        if (notSent.isPresent()) {
            return notSent.get();
        }
        target.shim().signal(number);
        return "sent " + Signals.name(number) + " to pid " + target.shim().pid();
    }

    /**
     * Kata's stop, SIGKILL; given a grace period, a graceful one: SIGTERM, and SIGKILL only if the
     * shim has not exited when it is over.
     *
     * @param graceSeconds the grace period in seconds, or null for Kata's stop
     */
    String stop(String shim, String graceSeconds) throws ShimException, InterruptedException {
        Duration grace = graceSeconds == null ? null : Timeout.seconds("--timeout", graceSeconds);
        ShimRecord target = record(shim);
        Optional<String> notSent = notSent(target, grace == null ? "SIGKILL" : "SIGTERM");
        if (notSent.isPresent()) {
            return notSent.get();
        }
        ShimProcess process = target.shim();
        if (grace == null) {
            process.stop();
            return "stopped pid " + process.pid();
        }
        process.signal(Signals.parse("TERM"));
        try {
            return "stopped pid " + process.pid() + " with SIGTERM: " + process.waitFor(grace);
        } catch (ShimTimeoutException e) {
            process.stop();
            return "stopped pid " + process.pid() + " with SIGKILL after " + graceSeconds + " s: " + process.waitFor();
        }
    }

    /** Why nothing is sent to a shim: it is lost, has no process, or has ended; empty when it can be signalled. */
    private static Optional<String> notSent(ShimRecord target, String signal) {
        ShimProcess shim = target.shim();
        if (target.supervision() == Supervision.LOST) {
            return Optional.of(notSent(target, signal, "is lost; pid " + shim.pid()
                    + " belongs to another process now and is never signalled"));
        }
        if (shim.pid() <= 0) {
            return Optional.of(notSent(target, signal, "has no process (pid " + shim.pid() + ")"));
        }
        if (target.supervision() != Supervision.UNVERIFIED && !shim.isRunning()) {
            return Optional.of(notSent(target, signal, "(pid " + shim.pid() + ") had already ended ("
                    + ShimStates.state(target) + ")"));
        }
        return Optional.empty();
    }

    private static String notSent(ShimRecord target, String signal, String why) {
        return "not sent " + signal + ": shim " + target.shim().token() + " " + why;
    }

    String forget(String... shims) throws ShimException {
        List<ShimRecord> forgotten = new ArrayList<>();
        if (shims.length == 0) {
            forgotten.addAll(registry.forgetEnded());
        } else {
            for (String shim : shims) {
                forgotten.add(registry.forget(shim));
            }
        }
        return "forgot " + forgotten.size() + (forgotten.size() == 1 ? " shim" : " shims")
                + (forgotten.isEmpty() ? "" : ": " + String.join(" ", forgotten.stream().map(r -> r.shim().token()).toList()));
    }

    /** In JSON, the shim as it is once it exited. */
    String wait(String seconds, String shim, Format format) throws ShimException, InterruptedException {
        Duration limit = Timeout.seconds("--timeout", seconds);
        ShimRecord target = record(shim);
        ExitStatus status = target.shim().waitFor(limit);
        return format == Format.JSON ? ShimJson.shim(registry.record(target.shim().token()).orElse(target))
                : status.toString();
    }

    /**
     * What the named shims (or every running one) use; a named shim that does not run is refused.
     * In text: ID, PID, CPU user and system seconds, resident MiB, threads, descriptors, read and written bytes,
     * and, for a shim in a cgroup, the processes in it and the MiB charged to it ("-" otherwise).
     */
    Object stats(List<String> shims, Format format) throws ShimException {
        Map<ShimRecord, ProcessUsage> usages = new LinkedHashMap<>();
        if (shims.isEmpty()) {
            usages.putAll(ShimJson.usages(registry.table(), processes));
        } else {
            for (String shim : shims) {
                ShimRecord record = record(shim);
                usages.put(record, ShimJson.usage(record, processes).orElseThrow(() -> new InvalidParameterException(
                        "ID|PID", shim, "Shim " + record.shim().token() + " is " + ShimStates.state(record)
                                + ": only a running shim has figures")));
            }
        }
        if (format == Format.JSON) {
            return ShimJson.stats(usages);
        }
        TextTable table = new TextTable("ID", "PID", "CPU-USER", "CPU-SYS", "RSS-MIB", "THREADS", "FDS", "READ", "WRITTEN",
                "CG-PROCS", "CG-MEM-MIB");
        usages.forEach((r, u) -> table.row(r.shim().token(), r.shim().pid(), seconds(u.cpuUser()), seconds(u.cpuSystem()),
                mib(u.residentBytes()), u.threads(), u.descriptors(),
                u.readBytes() < 0 ? "-" : u.readBytes(), u.writeBytes() < 0 ? "-" : u.writeBytes(),
                u.cgroup().map(c -> (Object) c.processes()).orElse("-"),
                u.cgroup().filter(c -> c.memoryBytes() >= 0).map(c -> mib(c.memoryBytes())).orElse("-")));
        return table;
    }

    private static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.1f", bytes / 1048576.0);
    }

    private static String seconds(Duration time) {
        return String.format(Locale.ROOT, "%.2f", time.toMillis() / 1000.0);
    }

    /** A watch period: whole seconds from 1 to 3600. */
    long watchPeriod(String seconds) throws InvalidParameterException {
        try {
            long value = Long.parseLong(seconds);
            if (value >= 1 && value <= 3600) {
                return value;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new InvalidParameterException("--watch", seconds, "Invalid --watch \"" + seconds
                + "\": give whole seconds, from 1 to 3600");
    }

    /** The document {@code GET /v1/shims/{id}} answers too. */
    String inspect(String shim) throws InvalidParameterException {
        return ShimJson.inspect(record(shim), processes);
    }

    boolean running(String shim) throws ShimException {
        return find(shim).isRunning();
    }

    /** In JSON, a shim without a process, or no longer running, has an empty list of namespaces. */
    String ns(String shim, Format format) throws ShimException {
        ShimProcess target = find(shim);
        Map<NamespaceType, Long> own = target.pid() > 0 ? target.namespaces() : Map.of();
        ProcessService service = processes;
        Map<NamespaceType, Long> host = service == null ? Map.of() : service.hostNamespaces();
        if (format == Format.JSON) {
            return ShimJson.namespaces(target, own, host);
        }
        if (target.pid() <= 0) {
            return "shim " + target.token() + " has no process (pid " + target.pid() + ")";
        }
        if (own.isEmpty()) {
            return "shim " + target.token() + " (pid " + target.pid() + ") is not running: its namespaces are gone";
        }
        TextTable table = new TextTable("TYPE", "INODE", "HOST");
        for (Map.Entry<NamespaceType, Long> e : own.entrySet()) {
            Long hostInode = host.get(e.getKey());
            table.row(e.getKey(), e.getValue(), hostInode == null ? "?" : hostInode.equals(e.getValue()) ? "same" : "differs");
        }
        return table.toString();
    }

    private ShimProcess find(String idOrPid) throws InvalidParameterException {
        return record(idOrPid).shim();
    }

    ShimRecord record(String idOrPid) throws InvalidParameterException {
        return registry.record(idOrPid).orElseThrow(() -> new InvalidParameterException("ID|PID", idOrPid,
                "No shim with id or pid \"" + idOrPid + "\"; see shim:ps"));
    }
}
