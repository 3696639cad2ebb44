package io.shimhost.core.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.shimhost.api.ProcessService;
import io.shimhost.api.audit.CheckResult;
import io.shimhost.api.audit.SelfCheck;

/**
 * The process core's invariants, live: every JVM thread in the framework's own namespaces (only a
 * start's own short-lived thread ever switches); no child of the JVM left a zombie or held by no
 * pidfd; no process held by two pidfds; no shim cgroup left without its shim and no shim outside
 * its cgroup; the supervisor's thread answering, so that exits are noticed.
 */
@Component
public final class CoreChecks implements SelfCheck {

    private static final Duration ANSWER = Duration.ofSeconds(1);

    private final PosixProcesses processes;

    @Activate
    public CoreChecks(@Reference ProcessService processes) {
        this.processes = (PosixProcesses) processes;
    }

    @Override
    public List<CheckResult> run() {
        Map<Long, Integer> pidfds = ProcSelf.pidfds();
        return List.of(new CheckResult("threads", false, ProcSelf.threadsOutsideTheirNamespaces()),
                new CheckResult("children", false, children(pidfds)),
                new CheckResult("pidfds", false, duplicates(pidfds)),
                new CheckResult("cgroups", false, processes.cgroupProblems()),
                new CheckResult("supervisor", true, supervisor()));
    }

    private static List<String> children(Map<Long, Integer> pidfds) {
        List<String> problems = new ArrayList<>();
        for (ProcSelf.Child child : ProcSelf.children()) {
            if (!pidfds.containsKey(child.pid())) {
                problems.add((child.state() == 'Z' ? "zombie " : "") + "child pid " + child.pid() + " ("
                        + child.command() + ") is held by no pidfd: nothing supervises it");
            }
        }
        return problems;
    }

    private static List<String> duplicates(Map<Long, Integer> pidfds) {
        List<String> problems = new ArrayList<>();
        pidfds.forEach((pid, count) -> {
            if (count > 1) {
                problems.add("pid " + pid + " is held by " + count + " pidfds, not one: leaked, or kept by the "
                        + "supervisor of a core bundle restarted while it ran, until it exits");
            }
        });
        return problems;
    }

    private List<String> supervisor() {
        try {
            return processes.supervisor().answers(ANSWER) ? List.of()
                    : List.of("the supervisor thread (" + processes.supervisor().thread().getState()
                            + ") did not answer within " + ANSWER.toMillis() + " ms: exits are not noticed");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of("interrupted while asking the supervisor thread");
        }
    }
}
