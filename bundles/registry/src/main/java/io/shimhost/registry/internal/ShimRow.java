package io.shimhost.registry.internal;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

import io.shimhost.api.ExitStatus;
import io.shimhost.api.NamespaceType;
import io.shimhost.api.ShimParams;
import io.shimhost.api.ShimProcess;
import io.shimhost.api.registry.ShimRecord;
import io.shimhost.api.ShimType;
import io.shimhost.api.SupervisedProcess;

/**
 * What the durable table keeps of one shim: enough to present it after a restart and to tell its
 * process from a later one with the same pid (the start time in ticks since boot).
 *
 * @param token the shim's id
 * @param type the shim type's name
 * @param container the container it serves
 * @param sandbox the sandbox it was started for
 * @param pid its pid; 0 or less for a shim without a process
 * @param ticks its process's start time in ticks since boot, or -1 when not known
 * @param namespaces its namespaces' inodes by type name, as seen at start
 * @param started when it was started
 * @param state whether it runs, ended or was lost
 * @param exit how it ended; null unless {@link State#ENDED}
 * @param boot the boot id of the machine when it was started ({@code ticks} count from that boot);
 *        empty when not known
 * @param pidNamespace the inode of the framework's pid namespace, in which {@code pid} is a pid;
 *        0 when not known
 * @param launch the id its process was launched with (it carries it in its environment), by which
 *        it is found when the framework died during the start; empty when not known
 * @param output where its stdout and stderr go, or null when not to a log file
 * @param ended when the table learnt that it ended; null unless {@link State#ENDED} (and in rows
 *        written before the field was), which then counts from {@code started}
 * @param config the start's effective configuration of its type, key by key as text (empty in rows
 *        written before it was recorded, and for a type without configuration)
 */
record ShimRow(String token, String type, String container, String sandbox, long pid, long ticks,
        Map<String, Long> namespaces, Instant started, State state, ExitStatus exit, String boot,
        long pidNamespace, String launch, OutputLog output, Instant ended, Map<String, String> config) {

    /** Where a shim is in its life, as far as the table knows. */
    enum State {
        /** Recorded before its process was launched; the start had not finished when last written. */
        STARTING,
        /** Its process was running when last seen. */
        RUNNING,
        /** It ended (or never had a process); {@link ShimRow#exit()} says how. */
        ENDED,
        /** It was recorded running, but its pid was found naming another process. */
        LOST
    }

    ShimRow {
        namespaces = Map.copyOf(namespaces);
        config = config == null ? Map.of() : Map.copyOf(new TreeMap<>(config));
    }

    /** A row whose start's configuration is not known (rows written before it was recorded). */
    ShimRow(String token, String type, String container, String sandbox, long pid, long ticks,
            Map<String, Long> namespaces, Instant started, State state, ExitStatus exit, String boot,
            long pidNamespace, String launch, OutputLog output, Instant ended) {
        this(token, type, container, sandbox, pid, ticks, namespaces, started, state, exit, boot, pidNamespace, launch,
                output, ended, Map.of());
    }

    /** A row whose boot and pid namespace are not known (they are then not checked). */
    ShimRow(String token, String type, String container, String sandbox, long pid, long ticks,
            Map<String, Long> namespaces, Instant started, State state, ExitStatus exit) {
        this(token, type, container, sandbox, pid, ticks, namespaces, started, state, exit, "", 0);
    }

    /** A row whose launch id is not known. */
    ShimRow(String token, String type, String container, String sandbox, long pid, long ticks,
            Map<String, Long> namespaces, Instant started, State state, ExitStatus exit, String boot,
            long pidNamespace) {
        this(token, type, container, sandbox, pid, ticks, namespaces, started, state, exit, boot, pidNamespace, "");
    }

    /** A row whose end time is not known. */
    ShimRow(String token, String type, String container, String sandbox, long pid, long ticks,
            Map<String, Long> namespaces, Instant started, State state, ExitStatus exit, String boot,
            long pidNamespace, String launch, OutputLog output) {
        this(token, type, container, sandbox, pid, ticks, namespaces, started, state, exit, boot, pidNamespace, launch,
                output, state == State.ENDED ? started : null);
    }

    /** @return when it ended, as far as the table knows (its start for rows that did not record it) */
    Instant endedAt() {
        return ended != null ? ended : started;
    }

    /** A row without an output log. */
    ShimRow(String token, String type, String container, String sandbox, long pid, long ticks,
            Map<String, Long> namespaces, Instant started, State state, ExitStatus exit, String boot,
            long pidNamespace, String launch) {
        this(token, type, container, sandbox, pid, ticks, namespaces, started, state, exit, boot, pidNamespace, launch,
                null);
    }

    /**
     * The row of a start about to launch: written before anything runs, so that a crash during the
     * start leaves a row by which the process is found (its launch id).
     */
    static ShimRow intent(ShimParams params, ShimType type, String sandbox, Host host, OutputLog output,
            Map<String, String> config) {
        return new ShimRow(params.token(), type.name(), params.container(), sandbox, 0, -1, Map.of(), Instant.now(),
                State.STARTING, null, host.boot(), host.pidNamespace(), params.launchId(), output, null, config);
    }

    /**
     * The row of a shim just started, read while its process is still supervised here.
     *
     * @param host the boot and the framework's pid namespace
     */
    static ShimRow of(ShimProcess shim, String sandbox, Host host, String launch, OutputLog output,
            Map<String, String> config) {
        String boot = host.boot();
        long pidNamespace = host.pidNamespace();
        Map<String, Long> namespaces = new TreeMap<>();
        for (Map.Entry<NamespaceType, Long> e : shim.namespaces().entrySet()) {
            namespaces.put(e.getKey().procName(), e.getValue());
        }
        if (shim.pid() <= 0) {
            return new ShimRow(shim.token(), shim.type().name(), shim.container(), sandbox, shim.pid(), -1,
                    namespaces, shim.startTime(), State.ENDED, ExitStatus.noProcess(), boot, pidNamespace, launch, output,
                    Instant.now(), config);
        }
        ShimRow row = new ShimRow(shim.token(), shim.type().name(), shim.container(), sandbox, shim.pid(),
                shim.startTicks().orElse(-1), namespaces, shim.startTime(), State.RUNNING, null, boot, pidNamespace,
                launch, output, null, config);
        return shim.exitStatus().map(row::ended).orElse(row);
    }

    ShimRow ended(ExitStatus status) {
        return new ShimRow(token, type, container, sandbox, pid, ticks, namespaces, started, State.ENDED, status, boot,
                pidNamespace, launch, output, Instant.now(), config);
    }

    /** A start's row once its process is found: running, with the process's pid, start time and namespaces. */
    ShimRow launched(SupervisedProcess process) {
        Map<String, Long> names = new TreeMap<>();
        process.namespaces().forEach((t, inode) -> names.put(t.procName(), inode));
        return new ShimRow(token, type, container, sandbox, process.pid(), process.startTicks().orElse(-1), names,
                process.startTime(), State.RUNNING, null, boot, pidNamespace, launch, output, null, config);
    }

    ShimRow lost() {
        return new ShimRow(token, type, container, sandbox, pid, ticks, namespaces, started, State.LOST, null, boot,
                pidNamespace, launch, output, null, config);
    }

    ShimRow withToken(String other) {
        return new ShimRow(other, type, container, sandbox, pid, ticks, namespaces, started, state, exit, boot,
                pidNamespace, launch, output, ended, config);
    }

    /** @return the record of this row's shim, with its output log */
    ShimRecord record(ShimProcess shim, ShimRecord.Supervision supervision) {
        return new ShimRecord(shim, sandbox, supervision, output == null ? null : output.file(),
                state == State.ENDED ? endedAt() : null, config);
    }
}
