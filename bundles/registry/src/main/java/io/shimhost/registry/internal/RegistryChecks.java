package io.shimhost.registry.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.shimhost.api.ProcessService;
import io.shimhost.api.audit.CheckResult;
import io.shimhost.api.audit.SelfCheck;
import io.shimhost.api.registry.ShimRecord;
import io.shimhost.api.registry.ShimRecord.Supervision;
import io.shimhost.api.registry.ShimRegistry;

/**
 * The registry's invariants, live: the table's file readable, valid, writable and equal to the
 * registry's table, in a state folder still safe; every running shim of the table held by a pidfd
 * and every pidfd of the JVM a running shim's; no shim waiting unverified for want of a process
 * service; and, as warnings, a missing process service and the lost shims.
 */
@Component
public final class RegistryChecks implements SelfCheck {

    private final Registry registry;

    @Activate
    public RegistryChecks(@Reference ShimRegistry registry) {
        this.registry = (Registry) registry;
    }

    @Override
    public List<CheckResult> run() {
        return List.of(new CheckResult("table", true, registry.auditTable()),
                new CheckResult("supervision", true, supervision()),
                new CheckResult("core", false, core()),
                new CheckResult("lost", false, lost()));
    }

    /** A start holds its pidfd a moment before its record says it runs: a difference is looked at twice. */
    private List<String> supervision() {
        List<String> problems = supervisionOnce();
        return problems.isEmpty() ? problems : supervisionOnce();
    }

    private List<String> supervisionOnce() {
        List<ShimRecord> table = registry.table();
        Optional<ProcessService> processes = registry.processes();
        if (processes.isEmpty()) {
            long unverified = table.stream().filter(r -> r.supervision() == Supervision.UNVERIFIED).count();
            return unverified == 0 ? List.of() : List.of(unverified + " shims wait unverified: no process "
                    + "service (core bundle) is deployed, and their exits are not noticed");
        }
        Map<Long, Integer> pidfds = processes.get().pidfds();
        List<String> problems = new ArrayList<>();
        Set<Long> running = new HashSet<>();
        for (ShimRecord record : table) {
            boolean supervised = record.supervision() == Supervision.STARTED || record.supervision() == Supervision.ADOPTED;
            if (supervised && record.shim().pid() > 0 && record.shim().isRunning()) {
                running.add(record.shim().pid());
                if (!pidfds.containsKey(record.shim().pid())) {
                    problems.add("shim " + record.shim().token() + " (pid " + record.shim().pid() + ") runs but no "
                            + "pidfd holds it: its exit would not be noticed");
                }
            }
        }
        pidfds.keySet().stream().filter(pid -> !running.contains(pid)).sorted().forEach(pid -> problems.add(
                "pid " + pid + " is held by a pidfd, but no running shim of the table is that process"));
        return problems;
    }

    /** Without the core, running shims keep the retired supervisor, but none can start and a restart leaves them unverified. */
    private List<String> core() {
        if (registry.processes().isPresent()) {
            return List.of();
        }
        List<String> running = registry.table().stream()
                .filter(r -> r.supervision() == Supervision.STARTED || r.supervision() == Supervision.ADOPTED)
                .filter(r -> r.shim().pid() > 0 && r.shim().isRunning()).map(r -> r.shim().token()).toList();
        return List.of("no process service (core bundle) is deployed: no shim with a process can start"
                + (running.isEmpty() ? "" : "; " + running.size() + " running shims (" + String.join(", ", running)
                        + ") are supervised by the retired one until they exit, and a restart leaves them unverified"));
    }

    private List<String> lost() {
        return registry.table().stream().filter(r -> r.supervision() == Supervision.LOST)
                .map(r -> "shim " + r.shim().token() + " is lost: pid " + r.shim().pid()
                        + " names another process now and is never signalled (shim:forget it)")
                .toList();
    }
}
