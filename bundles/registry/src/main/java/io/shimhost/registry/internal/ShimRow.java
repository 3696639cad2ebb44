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
 * @param boot the boot id of the machine when it was started ({@code ticks} count from that boot);
 *        empty when not known
 * @param pidNamespace the inode of the framework's pid namespace, in which {@code pid} is a pid;
 *        0 when not known
 */
record ShimRow(String token, String type, String container, String sandbox, long pid, long ticks,
        Map<String, Long> namespaces, Instant started, State state, ExitStatus exit, String boot,
        long pidNamespace) {

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

    /** A row whose boot and pid namespace are not known (they are then not checked). */
    ShimRow(String token, String type, String container, String sandbox, long pid, long ticks,
            Map<String, Long> namespaces, Instant started, State state, ExitStatus exit) {
        this(token, type, container, sandbox, pid, ticks, namespaces, started, state, exit, "", 0);
    }

    /**
     * The row of a shim just started, read while its process is still supervised here.
     *
     * @param host the boot and the framework's pid namespace
     */
    static ShimRow of(ShimProcess shim, String sandbox, Host host) {
        String boot = host.boot();
        long pidNamespace = host.pidNamespace();
        Map<String, Long> namespaces = new TreeMap<>();
        for (Map.Entry<NamespaceType, Long> e : shim.namespaces().entrySet()) {
            namespaces.put(e.getKey().procName(), e.getValue());
        }
        if (shim.pid() <= 0) {
            return new ShimRow(shim.token(), shim.type().name(), shim.container(), sandbox, shim.pid(), -1,
                    namespaces, shim.startTime(), State.ENDED, ExitStatus.noProcess(), boot, pidNamespace);
        }
        ShimRow row = new ShimRow(shim.token(), shim.type().name(), shim.container(), sandbox, shim.pid(),
                shim.startTicks().orElse(-1), namespaces, shim.startTime(), State.RUNNING, null, boot, pidNamespace);
        return shim.exitStatus().map(row::ended).orElse(row);
    }

    ShimRow ended(ExitStatus status) {
        return new ShimRow(token, type, container, sandbox, pid, ticks, namespaces, started, State.ENDED, status, boot,
                pidNamespace);
    }

    ShimRow lost() {
        return new ShimRow(token, type, container, sandbox, pid, ticks, namespaces, started, State.LOST, null, boot,
                pidNamespace);
    }

    ShimRow withToken(String other) {
        return new ShimRow(other, type, container, sandbox, pid, ticks, namespaces, started, state, exit, boot,
                pidNamespace);
    }
}
