package io.shimhost.bench;

import java.time.Duration;
import java.util.List;

import io.shimhost.api.CgroupSpec;
import io.shimhost.api.ProcessSpec;
import io.shimhost.api.ResourceLimits;
import io.shimhost.api.Stdio;
import io.shimhost.core.internal.PosixProcesses;

/**
 * A start with a cgroup of its own and limits against the same start without, through the process
 * service: spawn + reap of /bin/true, rounds interleaved so that both see the same load. The cgroup
 * start creates its directories (on a v1 or hybrid host the freezer's, and memory, pids and cpu; on
 * cgroup v2 one), writes the three limits, places the child (the launching thread joins the v1
 * cgroups for the spawn; on v2, at the gate) and, once it has exited, removes the cgroup (off the
 * caller's thread). Usage: CgroupStartBench [ROUNDS] [STARTS_PER_ROUND]
 */
public final class CgroupStartBench {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final ResourceLimits LIMITS = new ResourceLimits(256L << 20, 64, 100);

    private final PosixProcesses service;
    private int launches;

    private CgroupStartBench(PosixProcesses service) {
        this.service = service;
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        int starts = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        PosixProcesses processes = new PosixProcesses();
        try {
            new CgroupStartBench(processes).run(rounds, starts);
        } finally {
            processes.deactivate();
        }
    }

    private void run(int rounds, int n) throws Exception {
        CgroupSpec bare = new CgroupSpec(CgroupSpec.Placement.OWN, "", ResourceLimits.none());
        for (int warm = 0; warm < 2; warm++) {
            starts(n, CgroupSpec.none());
            starts(n, own());
            starts(n, bare);
        }
        double[] without = new double[rounds];
        double[] with = new double[rounds];
        double[] ownOnly = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            without[r] = starts(n, CgroupSpec.none()) / n;
            with[r] = starts(n, own()) / n;
            ownOnly[r] = starts(n, bare) / n;
        }
        double a = Measure.median(without);
        double b = Measure.median(with);
        double c = Measure.median(ownOnly);
        System.out.printf("%n## start + exit of /bin/true, with a cgroup of its own and limits against without "
                + "(%d rounds x %d, median ms per start)%n", rounds, n);
        System.out.printf("| start | ms | ratio |%n|---|---|---|%n");
        System.out.printf("| framework's cgroup | %.3f | 1.00x |%n", a / 1e6);
        System.out.printf("| own cgroup, no limit (the v1 freezer alone on a hybrid host) | %.3f | %.2fx |%n", c / 1e6, c / a);
        System.out.printf("| own cgroup, memory + pids + CPU weight | %.3f | %.2fx |%n", b / 1e6, b / a);
    }

    private static CgroupSpec own() {
        return new CgroupSpec(CgroupSpec.Placement.OWN, "", LIMITS);
    }

    private double starts(int n, CgroupSpec cgroup) throws Exception {
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            ProcessSpec spec = ProcessSpec.builder(List.of("/bin/true")).stdio(Stdio.discard())
                    .launchId("bench-" + launches++).cgroup(cgroup).build();
            service.launch(spec).waitFor(PATIENCE);
        }
        return System.nanoTime() - t0;
    }
}
