package io.shimhost.json;

import io.shimhost.api.Signals;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.shimhost.api.CgroupSpec;
import io.shimhost.api.CgroupUsage;
import io.shimhost.api.ExitStatus;
import io.shimhost.api.NamespaceType;
import io.shimhost.api.ProcessPlan;
import io.shimhost.api.ProcessService;
import io.shimhost.api.ProcessUsage;
import io.shimhost.api.ResourceLimits;
import io.shimhost.api.ProcessView;
import io.shimhost.api.ShimProcess;
import io.shimhost.api.ShimType;
import io.shimhost.api.audit.CheckResult;
import io.shimhost.api.registry.DeployedShim;
import io.shimhost.api.registry.ShimConfigEntry;
import io.shimhost.api.registry.ShimPlan;
import io.shimhost.api.registry.ShimRecord;
import io.shimhost.api.registry.ShimRecord.Supervision;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The JSON of shims, types, configurations and plans, one shape for each kind of thing (README,
 * "JSON output"). A shim is always the same object: {@code id}, {@code type}, {@code container},
 * {@code sandbox}, {@code pid}, {@code state}, {@code exitCode}, {@code signal},
 * {@code supervision}, {@code started} and {@code namespaces}; what is unknown is null.
 */
public final class ShimJson {

    /** Thread-safe once configured, as Jackson documents. */
    private static final JsonFactory JSON = new JsonFactory();

    private ShimJson() {
    }

    /** Writes one JSON value. */
    @FunctionalInterface
    public interface Body {
        /**
         * @param json where to write
         * @throws IOException if the writing fails
         */
        void write(JsonGenerator json) throws IOException;
    }

    /**
     * @param body what to write
     * @return the document that {@code body} writes, on one line
     */
    public static String of(Body body) {
        StringWriter text = new StringWriter();
        try (JsonGenerator json = JSON.createGenerator(text)) {
            body.write(json);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write JSON to a string", e);
        }
        return text.toString();
    }

    /**
     * Writes the shims as one JSON array on one line, ended by a newline, as it is made: the list
     * is the only copy held. {@code out} is flushed, not closed.
     *
     * @param out where to write
     * @param records the shims
     * @throws IOException if the writing fails
     */
    public static void writeShims(OutputStream out, List<ShimRecord> records) throws IOException {
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        try (JsonGenerator json = JSON.createGenerator(writer)) {
            json.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
            shims(json, records);
        }
        writer.write('\n');
        writer.flush();
    }

    private static void shims(JsonGenerator json, List<ShimRecord> records) throws IOException {
        json.writeStartArray();
        for (ShimRecord record : records) {
            shim(json, record);
        }
        json.writeEndArray();
    }

    /**
     * @param record a shim
     * @return the shim's object on one line
     */
    public static String shim(ShimRecord record) {
        return of(json -> shim(json, record));
    }

    /**
     * Writes a shim's object.
     *
     * @param json where to write
     * @param record the shim
     * @throws IOException if the writing fails
     */
    public static void shim(JsonGenerator json, ShimRecord record) throws IOException {
        ShimProcess shim = record.shim();
        Optional<ExitStatus> status = record.ended();
        json.writeStartObject();
        json.writeStringField("id", shim.token());
        json.writeStringField("type", shim.type().toString());
        json.writeStringField("container", shim.container());
        json.writeStringField("sandbox", record.sandbox());
        json.writeNumberField("pid", shim.pid());
        json.writeStringField("state", record.state());
        Optional<ExitStatus> exited = status.filter(s -> s.kind() == ExitStatus.Kind.EXITED);
        json.writeFieldName("exitCode");
        if (exited.isPresent()) {
            json.writeNumber(exited.get().value());
        } else {
            json.writeNull();
        }
        json.writeStringField("signal", status.filter(s -> s.kind() == ExitStatus.Kind.KILLED
                        || s.kind() == ExitStatus.Kind.OOM_KILLED)
                .map(s -> Signals.name(s.value())).orElse(null));
        json.writeStringField("supervision", record.supervision().name().toLowerCase());
        json.writeStringField("started", shim.startTime().toString());
        json.writeStringField("cgroup", shim.cgroup().orElse(null));
        namespaces(json, running(record) ? shim.namespaces() : Map.of());
        json.writeEndObject();
    }

    /** The status of a shim whose end the registry saw; empty while it runs or when it is not known. */
    private static boolean running(ShimRecord record) {
        Supervision s = record.supervision();
        return (s == Supervision.STARTED || s == Supervision.ADOPTED) && record.shim().pid() > 0
                && record.shim().isRunning();
    }

    /** The namespaces by type, as inode numbers; null when the shim is not running. */
    private static void namespaces(JsonGenerator json, Map<NamespaceType, Long> inodes) throws IOException {
        json.writeFieldName("namespaces");
        if (inodes.isEmpty()) {
            json.writeNull();
            return;
        }
        json.writeStartObject();
        for (Map.Entry<NamespaceType, Long> e : inodes.entrySet()) {
            json.writeNumberField(e.getKey().procName(), e.getValue());
        }
        json.writeEndObject();
    }

    /**
     * What {@code shim:inspect} and {@code GET /v1/shims/{id}} show: {@code {"shim": the shim,
     * "log": its output log or null, "ended": when it ended or null, "config": {the start's
     * configuration of its type}, "process": {"argv", "environment": [names], "stdio":
     * {"stdin", "stdout", "stderr"}} or null when it does not run (or cannot be read)}}.
     *
     * @param record the shim
     * @param processes reads its process live; null when no process service is deployed
     * @return the document on one line
     */
    public static String inspect(ShimRecord record, ProcessService processes) {
        Optional<ProcessView> process = readable(record, processes)
                ? processes.inspect(record.shim().pid(), record.shim().startTicks().getAsLong()) : Optional.empty();
        return of(json -> {
            json.writeStartObject();
            json.writeFieldName("shim");
            shim(json, record);
            json.writeStringField("log", record.outputLog().map(Object::toString).orElse(null));
            json.writeStringField("ended", record.endedAt().map(Object::toString).orElse(null));
            json.writeObjectFieldStart("config");
            for (Map.Entry<String, String> e : new java.util.TreeMap<>(record.config()).entrySet()) {
                json.writeStringField(e.getKey(), e.getValue());
            }
            json.writeEndObject();
            json.writeFieldName("process");
            if (process.isEmpty()) {
                json.writeNull();
            } else {
                process(json, process.get());
            }
            json.writeEndObject();
        });
    }

    private static void process(JsonGenerator json, ProcessView view) throws IOException {
        json.writeStartObject();
        json.writeArrayFieldStart("argv");
        for (String word : view.argv()) {
            json.writeString(word);
        }
        json.writeEndArray();
        json.writeArrayFieldStart("environment");
        for (String name : view.environmentNames()) {
            json.writeString(name);
        }
        json.writeEndArray();
        json.writeObjectFieldStart("stdio");
        for (String stream : List.of("stdin", "stdout", "stderr")) {
            json.writeStringField(stream, view.stdio().get(stream));
        }
        json.writeEndObject();
        json.writeEndObject();
    }

    /** Whether a shim's process can be read live: it runs, supervised here, with a known start time. */
    private static boolean readable(ShimRecord record, ProcessService processes) {
        return processes != null && running(record) && record.shim().startTicks().isPresent();
    }

    /**
     * What a running shim uses, read live: empty when it does not run, or its process cannot be read.
     *
     * @param record the shim
     * @param processes reads its process; null when no process service is deployed
     * @return the usage
     */
    public static Optional<ProcessUsage> usage(ShimRecord record, ProcessService processes) {
        return readable(record, processes)
                ? processes.usage(record.shim().pid(), record.shim().startTicks().getAsLong()) : Optional.empty();
    }

    /**
     * What every running shim of a table uses, read live; shims whose process cannot be read are left
     * out. Read on the common pool's threads as well as the caller's: each figure is a few small
     * reads of /proc and cgroup files, which cost more in number than in size.
     *
     * @param table the shims, in the table's order
     * @param processes reads their processes; null when no process service is deployed
     * @return the running shims with their usage, in the table's order
     */
    public static Map<ShimRecord, ProcessUsage> usages(List<ShimRecord> table, ProcessService processes) {
        List<Optional<ProcessUsage>> read = table.parallelStream().map(r -> usage(r, processes)).toList();
        Map<ShimRecord, ProcessUsage> usages = new java.util.LinkedHashMap<>();
        for (int i = 0; i < table.size(); i++) {
            int at = i;
            read.get(i).ifPresent(u -> usages.put(table.get(at), u));
        }
        return usages;
    }

    /**
     * {@code shim:stats --format json} and {@code GET /v1/stats}: one object per running shim whose
     * process could be read, {@code {"id", "type", "container", "pid", "cpuUserSeconds",
     * "cpuSystemSeconds", "residentBytes", "threads", "descriptors", "readBytes", "writeBytes",
     * "cgroup"}} ({@code readBytes} and {@code writeBytes} null when not readable; {@code cgroup} null in
     * the framework's cgroup, else what the cgroup holds and uses, all its processes together).
     *
     * @param usages the shims with their usage, in the table's order
     * @return the array on one line
     */
    public static String stats(Map<ShimRecord, ProcessUsage> usages) {
        return of(json -> {
            json.writeStartArray();
            for (Map.Entry<ShimRecord, ProcessUsage> e : usages.entrySet()) {
                stats(json, e.getKey(), e.getValue());
            }
            json.writeEndArray();
        });
    }

    /**
     * @param record a running shim
     * @param usage what it uses
     * @return {@code GET /v1/shims/{id}/stats}: its object on one line
     */
    public static String stats(ShimRecord record, ProcessUsage usage) {
        return of(json -> stats(json, record, usage));
    }

    private static void stats(JsonGenerator json, ShimRecord record, ProcessUsage usage) throws IOException {
        json.writeStartObject();
        json.writeStringField("id", record.shim().token());
        json.writeStringField("type", record.shim().type().toString());
        json.writeStringField("container", record.shim().container());
        json.writeNumberField("pid", record.shim().pid());
        json.writeNumberField("cpuUserSeconds", usage.cpuUser().toMillis() / 1000.0);
        json.writeNumberField("cpuSystemSeconds", usage.cpuSystem().toMillis() / 1000.0);
        json.writeNumberField("residentBytes", usage.residentBytes());
        json.writeNumberField("threads", usage.threads());
        json.writeNumberField("descriptors", usage.descriptors());
        knownNumber(json, "readBytes", usage.readBytes());
        knownNumber(json, "writeBytes", usage.writeBytes());
        json.writeFieldName("cgroup");
        if (usage.cgroup().isPresent()) {
            cgroupUsage(json, usage.cgroup().get());
        } else {
            json.writeNull();
        }
        json.writeEndObject();
    }

    /** {@code {"path", "own", "processes", "memoryBytes", "cpuUserSeconds", "cpuSystemSeconds", "oomKills"}}, unknowns null. */
    private static void cgroupUsage(JsonGenerator json, CgroupUsage cgroup) throws IOException {
        json.writeStartObject();
        json.writeStringField("path", cgroup.path());
        json.writeBooleanField("own", cgroup.own());
        json.writeNumberField("processes", cgroup.processes());
        knownNumber(json, "memoryBytes", cgroup.memoryBytes());
        seconds(json, "cpuUserSeconds", cgroup.cpuUserMicros());
        seconds(json, "cpuSystemSeconds", cgroup.cpuSystemMicros());
        json.writeNumberField("oomKills", cgroup.oomKills());
        json.writeEndObject();
    }

    /** A figure the kernel may not tell (-1): null then. */
    private static void knownNumber(JsonGenerator json, String field, long value) throws IOException {
        json.writeFieldName(field);
        if (value < 0) {
            json.writeNull();
        } else {
            json.writeNumber(value);
        }
    }

    private static void seconds(JsonGenerator json, String field, long micros) throws IOException {
        json.writeFieldName(field);
        if (micros < 0) {
            json.writeNull();
        } else {
            json.writeNumber(micros / 1000 / 1000.0);
        }
    }

    /**
     * {@code {"type", "keys": [{"key", "type", "default", "value", "origin", "description"}]}}.
     *
     * @param type the shim type
     * @param entries its configuration
     * @return the document on one line
     */
    public static String config(ShimType type, List<ShimConfigEntry> entries) {
        return of(json -> {
            json.writeStartObject();
            json.writeStringField("type", type.toString());
            json.writeArrayFieldStart("keys");
            for (ShimConfigEntry e : entries) {
                json.writeStartObject();
                json.writeStringField("key", e.key());
                json.writeStringField("type", e.type());
                json.writeStringField("default", e.defaultValue());
                json.writeStringField("value", e.value());
                json.writeStringField("origin", e.origin());
                json.writeStringField("description", e.description());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        });
    }

    /**
     * {@code {"type", "bundle", "version", "id", "config": [{"key", "value", "origin"}], "launch": null |
     * {"executable", "argv", "environment", "stdio": {"kind", "path"}, "newSession", "create", "enter":
     * [{"type", "path", "inode"}]}}}.
     *
     * @param plan a start's plan
     * @return the document on one line
     */
    public static String plan(ShimPlan plan) {
        return of(json -> {
            json.writeStartObject();
            json.writeStringField("type", plan.type().toString());
            json.writeStringField("bundle", plan.bundleSymbolicName());
            json.writeStringField("version", plan.bundleVersion());
            json.writeStringField("id", plan.id());
            json.writeArrayFieldStart("config");
            for (ShimConfigEntry e : plan.configuration()) {
                json.writeStartObject();
                json.writeStringField("key", e.key());
                json.writeStringField("value", e.value());
                json.writeStringField("origin", e.origin());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeFieldName("launch");
            if (plan.launch().isEmpty()) {
                json.writeNull();
            } else {
                launch(json, plan.launch().get());
            }
            json.writeEndObject();
        });
    }

    private static void launch(JsonGenerator json, ProcessPlan launch) throws IOException {
        json.writeStartObject();
        json.writeStringField("executable", launch.executable());
        json.writeArrayFieldStart("argv");
        for (String word : launch.argv()) {
            json.writeString(word);
        }
        json.writeEndArray();
        json.writeObjectFieldStart("environment");
        for (Map.Entry<String, String> e : launch.environment().entrySet()) {
            json.writeStringField(e.getKey(), e.getValue());
        }
        json.writeEndObject();
        json.writeObjectFieldStart("stdio");
        json.writeStringField("kind", launch.stdio().kind().name().toLowerCase());
        json.writeStringField("path", launch.stdio().consolePath().or(launch.stdio()::logPath).map(Object::toString)
                .orElse(null));
        json.writeEndObject();
        json.writeBooleanField("newSession", launch.newSession());
        json.writeArrayFieldStart("create");
        for (NamespaceType type : new java.util.TreeSet<>(launch.createNamespaces())) {
            json.writeString(type.procName());
        }
        json.writeEndArray();
        json.writeArrayFieldStart("enter");
        for (ProcessPlan.Entered e : launch.enterNamespaces()) {
            json.writeStartObject();
            json.writeStringField("type", e.type().procName());
            json.writeStringField("path", e.path());
            json.writeNumberField("inode", e.inode());
            json.writeEndObject();
        }
        json.writeEndArray();
        cgroup(json, launch.cgroup(), launch.cgroupDirectories());
        json.writeEndObject();
    }

    /** {@code "cgroup": {"placement": "none"|"own"|"join", "path", "directories": [...], "limits": {...}}}. */
    private static void cgroup(JsonGenerator json, CgroupSpec cgroup, List<String> directories) throws IOException {
        json.writeObjectFieldStart("cgroup");
        json.writeStringField("placement", cgroup.placement().name().toLowerCase());
        json.writeStringField("path", cgroup.path().isEmpty() ? null : cgroup.path());
        json.writeArrayFieldStart("directories");
        for (String d : directories) {
            json.writeString(d);
        }
        json.writeEndArray();
        limits(json, cgroup.limits());
        json.writeEndObject();
    }

    /** {@code "limits": {"memoryBytes", "pids", "cpuWeight"}}, each null when not set. */
    private static void limits(JsonGenerator json, ResourceLimits limits) throws IOException {
        json.writeObjectFieldStart("limits");
        nullableNumber(json, "memoryBytes", limits.memoryBytes());
        nullableNumber(json, "pids", limits.pids());
        nullableNumber(json, "cpuWeight", limits.cpuWeight());
        json.writeEndObject();
    }

    private static void nullableNumber(JsonGenerator json, String field, long value) throws IOException {
        json.writeFieldName(field);
        if (value == 0) {
            json.writeNull();
        } else {
            json.writeNumber(value);
        }
    }

    /**
     * {@code [{"type", "bundle", "version", "ranking", "serving"}]}.
     *
     * @param deployed the deployed shim services
     * @return the document on one line
     */
    public static String types(List<DeployedShim> deployed) {
        return of(json -> {
            json.writeStartArray();
            for (DeployedShim d : deployed) {
                json.writeStartObject();
                json.writeStringField("type", d.type().toString());
                json.writeStringField("bundle", d.bundleSymbolicName());
                json.writeStringField("version", d.bundleVersion());
                json.writeNumberField("ranking", d.ranking());
                json.writeBooleanField("serving", d.serving());
                json.writeEndObject();
            }
            json.writeEndArray();
        });
    }

    /**
     * A shim's namespaces: per type its inode and whether the framework shares it ({@code host}:
     * {@code same}, {@code differs}, or null when the framework's is not known).
     *
     * @param shim the shim
     * @param own its namespaces' inodes by type
     * @param host the framework's, by type
     * @return the document on one line
     */
    public static String namespaces(ShimProcess shim, Map<NamespaceType, Long> own, Map<NamespaceType, Long> host) {
        return of(json -> {
            json.writeStartObject();
            json.writeStringField("id", shim.token());
            json.writeNumberField("pid", shim.pid());
            json.writeArrayFieldStart("namespaces");
            for (Map.Entry<NamespaceType, Long> e : own.entrySet()) {
                Long hostInode = host.get(e.getKey());
                json.writeStartObject();
                json.writeStringField("type", e.getKey().procName());
                json.writeNumberField("inode", e.getValue());
                json.writeStringField("host", hostInode == null ? null : hostInode.equals(e.getValue()) ? "same" : "differs");
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        });
    }

    /**
     * {@code {"ok", "checks": [{"name", "ok", "critical", "problems": []}]}}: {@code ok} when no
     * check found a problem.
     *
     * @param results every check's outcome
     * @return the document on one line
     */
    public static String audit(List<CheckResult> results) {
        return of(json -> {
            json.writeStartObject();
            json.writeBooleanField("ok", results.stream().allMatch(CheckResult::ok));
            json.writeArrayFieldStart("checks");
            for (CheckResult r : results) {
                json.writeStartObject();
                json.writeStringField("name", r.name());
                json.writeBooleanField("ok", r.ok());
                json.writeBooleanField("critical", r.critical());
                json.writeArrayFieldStart("problems");
                for (String problem : r.problems()) {
                    json.writeString(problem);
                }
                json.writeEndArray();
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        });
    }
}
