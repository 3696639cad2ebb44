package io.shimhost.registry.internal;

import io.shimhost.api.NamespaceType;
import io.shimhost.api.ProcessService;

/**
 * Where a recorded pid and start time mean something: the machine's boot (start times count from
 * it) and the framework's pid namespace (pids are numbered in it). Read once per process service.
 *
 * @param boot the boot id; empty when not known
 * @param pidNamespace the inode of the framework's pid namespace; 0 when not known
 */
record Host(String boot, long pidNamespace) {

    /** No process service: nothing known, nothing checked. */
    static final Host UNKNOWN = new Host("", 0);

    static Host of(ProcessService processes) {
        return new Host(processes.bootId(), processes.hostNamespaces().getOrDefault(NamespaceType.PID, 0L));
    }
}
