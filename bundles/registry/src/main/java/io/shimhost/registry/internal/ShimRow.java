package io.shimhost.registry.internal;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

import io.shimhost.api.ExitStatus;
import io.shimhost.api.NamespaceType;
import io.shimhost.api.ShimProcess;

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
 */
record ShimRow(String token, String type, String container, String sandbox, long pid, long ticks,
        Map<String, Long> namespaces, Instant started, State state, ExitStatus exit) {

    /** Where a shim is in its life, as far as the table knows. */
    enum State {
        /** Its process was running when last seen. */
        RUNNING,
        /** It ended (or never had a process); {@link ShimRow#exit()} says how. */
        ENDED,
        /** It was recorded running, but its pid was found naming another process. */
        LOST
    }

    ShimRow {
        namespaces = Map.copyOf(namespaces);
    }

    /** The row of a shim just started, read while its process is still supervised here. */
    static ShimRow of(ShimProcess shim, String sandbox) {
        Map<String, Long> namespaces = new TreeMap<>();
        for (Map.Entry<NamespaceType, Long> e : shim.namespaces().entrySet()) {
            namespaces.put(e.getKey().procName(), e.getValue());
        }
        if (shim.pid() <= 0) {
            return new ShimRow(shim.token(), shim.type().name(), shim.container(), sandbox, shim.pid(), -1,
                    namespaces, shim.startTime(), State.ENDED, ExitStatus.noProcess());
        }
        ShimRow row = new ShimRow(shim.token(), shim.type().name(), shim.container(), sandbox, shim.pid(),
                shim.startTicks().orElse(-1), namespaces, shim.startTime(), State.RUNNING, null);
        return shim.exitStatus().map(row::ended).orElse(row);
    }

    ShimRow ended(ExitStatus status) {
        return new ShimRow(token, type, container, sandbox, pid, ticks, namespaces, started, State.ENDED, status);
    }

    ShimRow lost() {
        return new ShimRow(token, type, container, sandbox, pid, ticks, namespaces, started, State.LOST, null);
    }

    ShimRow withToken(String other) {
        return new ShimRow(other, type, container, sandbox, pid, ticks, namespaces, started, state, exit);
    }
}
