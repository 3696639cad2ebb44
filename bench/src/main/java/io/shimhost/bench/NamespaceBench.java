package io.shimhost.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.shimhost.api.NamespaceRef;
import io.shimhost.api.NamespaceType;
import io.shimhost.api.ProcessService;
import io.shimhost.api.ProcessSpec;
import io.shimhost.api.Stdio;
import io.shimhost.api.SupervisedProcess;
import io.shimhost.core.internal.PosixProcesses;

/**
 * Starting /bin/true in new namespaces (net+uts+ipc, and +pid) and in a sleep's existing ones,
 * per process: the process service against C (clone with CLONE_NEW*; fork + setns) and against
 * util-linux's unshare and nsenter run through ProcessBuilder, rounds interleaved. Needs root.
 * Usage: NamespaceBench BIN_DIR [ROUNDS] [PER_ROUND]
 */
public final class NamespaceBench {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final List<NamespaceType> NET_UTS_IPC = List.of(NamespaceType.NET, NamespaceType.UTS,
            NamespaceType.IPC);

    private final ProcessService service;
    private final Path bin;

    private NamespaceBench(ProcessService service, Path bin) {
        this.service = service;
        this.bin = bin;
    }

    public static void main(String[] args) throws Exception {
        Path bin = Path.of(args[0]);
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        int n = args.length > 2 ? Integer.parseInt(args[2]) : 200;
        PosixProcesses processes = new PosixProcesses();
        try {
            NamespaceBench bench = new NamespaceBench(processes, bin);
            bench.create(rounds, n, false);
            bench.create(rounds, n, true);
            bench.enter(rounds, n);
        } finally {
            processes.deactivate();
        }
    }

    private void create(int rounds, int n, boolean pid) throws Exception {
        String what = pid ? "net+uts+ipc+pid" : "net+uts+ipc";
        List<String> unshare = new ArrayList<>(List.of("unshare", "--net", "--uts", "--ipc"));
        if (pid) {
            unshare.addAll(List.of("--pid", "--fork"));
        }
        unshare.add("/bin/true");
        ProcessSpec.Builder spec = ProcessSpec.builder(List.of("/bin/true"));
        NET_UTS_IPC.forEach(spec::createNamespace);
        if (pid) {
            spec.createNamespace(NamespaceType.PID);
        }
        ProcessSpec built = spec.build();
        List<String> c = pid ? List.of(bin.resolve("ns_clone").toString(), Integer.toString(n), "pid")
                : List.of(bin.resolve("ns_clone").toString(), Integer.toString(n));
        double[][] t = measure(rounds, n, c, unshare, built);
        table("start in new " + what + " namespaces", "C clone(CLONE_NEW*) + exec", "util-linux unshare via ProcessBuilder",
                rounds, n, t);
    }

    private void enter(int rounds, int n) throws Exception {
        ProcessSpec.Builder owner = ProcessSpec.builder(List.of("sleep", "600")).stdio(Stdio.discard());
        NET_UTS_IPC.forEach(owner::createNamespace);
        SupervisedProcess sleeper = service.launch(owner.build());
        try {
            String pid = Long.toString(sleeper.pid());
            ProcessSpec.Builder spec = ProcessSpec.builder(List.of("/bin/true"));
            for (NamespaceType type : NET_UTS_IPC) {
                spec.enterNamespace(NamespaceRef.ofPid(type, sleeper.pid()));
            }
            double[][] t = measure(rounds, n, List.of(bin.resolve("ns_enter").toString(), Integer.toString(n), pid),
                    List.of("nsenter", "-t", pid, "-n", "-u", "-i", "/bin/true"), spec.build());
            table("start in a sleep's net+uts+ipc namespaces", "C fork + setns + exec", "util-linux nsenter via ProcessBuilder",
                    rounds, n, t);
        } finally {
            sleeper.stop();
            sleeper.waitFor(PATIENCE);
        }
    }

    /** Per-process nanoseconds of C, the CLI and the service, one row per round. */
    private double[][] measure(int rounds, int n, List<String> c, List<String> cli, ProcessSpec spec) throws Exception {
        serviceRun(spec, n);
        cliRun(cli, n / 4);
        double[][] t = new double[3][rounds];
        for (int r = 0; r < rounds; r++) {
            t[0][r] = Measure.cProgram(c) / n;
            t[1][r] = cliRun(cli, n) / n;
            t[2][r] = serviceRun(spec, n) / n;
        }
        return t;
    }

    private static double cliRun(List<String> command, int n) throws Exception {
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            Process p = new ProcessBuilder(command).start();
            if (p.waitFor() != 0) {
                throw new IllegalStateException(command + " failed: " + new String(p.getErrorStream().readAllBytes()));
            }
        }
        return System.nanoTime() - t0;
    }

    private double serviceRun(ProcessSpec spec, int n) throws Exception {
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            service.launch(spec).waitFor(PATIENCE);
        }
        return System.nanoTime() - t0;
    }

    private static void table(String title, String cName, String cliName, int rounds, int n, double[][] t) {
        double c = Measure.median(t[0]);
        double cli = Measure.median(t[1]);
        double svc = Measure.median(t[2]);
        System.out.printf("%n## %s (%d rounds x %d, median ms per process)%n", title, rounds, n);
        System.out.printf("| method | ms | ratio to C |%n|---|---|---|%n");
        System.out.printf("| %s | %.3f | 1.00x |%n", cName, c / 1e6);
        System.out.printf("| process service | %.3f | %.2fx |%n", svc / 1e6, svc / c);
        System.out.printf("| %s | %.3f | %.2fx |%n", cliName, cli / 1e6, cli / c);
        System.out.printf("CLI / process service: %.2fx%n", cli / svc);
    }
}
