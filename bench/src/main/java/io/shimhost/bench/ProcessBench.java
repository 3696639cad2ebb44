package io.shimhost.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.shimhost.api.ProcessService;
import io.shimhost.api.ProcessSpec;
import io.shimhost.api.Stdio;
import io.shimhost.api.SupervisedProcess;
import io.shimhost.core.internal.PosixProcesses;

/**
 * Whole-process benchmarks of the process service, each against its baseline in the same run,
 * interleaved round by round so both see the same machine load:
 * <ol>
 * <li>spawn + reap of /bin/true: the process service, ProcessBuilder, C posix_spawn + waitpid, and Go's
 * os/exec Start + Wait (Kata v1's own way) where the go command built it;</li>
 * <li>exit notice: from the child's exit to the completion of its exit, the process service
 * against Kata's waitForShim loop (is it running? sleep 100 ms);</li>
 * <li>threads and heap while supervising 1 to 5,000 concurrent sleeps, against ProcessBuilder.</li>
 * </ol>
 * Usage: ProcessBench BIN_DIR [ROUNDS] [SPAWNS_PER_ROUND] [NOTICES] [CONCURRENT]
 */
public final class ProcessBench {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private final ProcessService service;
    private final Path bin;

    private ProcessBench(ProcessService service, Path bin) {
        this.service = service;
        this.bin = bin;
    }

    public static void main(String[] args) throws Exception {
        Path bin = Path.of(args[0]);
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        int spawns = args.length > 2 ? Integer.parseInt(args[2]) : 500;
        int notices = args.length > 3 ? Integer.parseInt(args[3]) : 40;
        int concurrent = args.length > 4 ? Integer.parseInt(args[4]) : 5000;
        PosixProcesses processes = new PosixProcesses();
        try {
            ProcessBench bench = new ProcessBench(processes, bin);
            bench.spawnAndReap(rounds, spawns);
            bench.exitNotice(notices);
            bench.supervisionFootprint(concurrent);
        } finally {
            processes.deactivate();
        }
    }

    // 1. spawn + reap

    private void spawnAndReap(int rounds, int n) throws Exception {
        for (int warm = 0; warm < 2; warm++) {
            serviceSpawns(n);
            processBuilderSpawns(n);
        }
        boolean go = Files.isExecutable(bin.resolve("spawn_true_go"));
        double[] c = new double[rounds];
        double[] g = new double[rounds];
        double[] pb = new double[rounds];
        double[] svc = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            c[r] = cSpawns(n) / n;
            g[r] = go ? Measure.cProgram(List.of(bin.resolve("spawn_true_go").toString(), Integer.toString(n))) / n : 0;
            pb[r] = processBuilderSpawns(n) / n;
            svc[r] = serviceSpawns(n) / n;
        }
        double mc = Measure.median(c);
        double mpb = Measure.median(pb);
        double msvc = Measure.median(svc);
        System.out.printf("%n## spawn + reap of /bin/true (%d rounds x %d, median ms per process)%n", rounds, n);
        System.out.printf("| method | ms | ratio to C |%n|---|---|---|%n");
        System.out.printf("| C posix_spawn + waitpid | %.3f | 1.00x |%n", mc / 1e6);
        if (go) {
            double mg = Measure.median(g);
            System.out.printf("| Go os/exec Start + Wait (Kata v1) | %.3f | %.2fx |%n", mg / 1e6, mg / mc);
        }
        System.out.printf("| process service (posix_spawnp + pidfd + epoll) | %.3f | %.2fx |%n", msvc / 1e6, msvc / mc);
        System.out.printf("| ProcessBuilder | %.3f | %.2fx |%n", mpb / 1e6, mpb / mc);
        System.out.printf("ProcessBuilder / process service: %.2fx%n", mpb / msvc);
    }

    private double cSpawns(int n) throws Exception {
        return Measure.cProgram(List.of(bin.resolve("spawn_true").toString(), Integer.toString(n)));
    }

    private double processBuilderSpawns(int n) throws Exception {
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            new ProcessBuilder("/bin/true").start().waitFor();
        }
        return System.nanoTime() - t0;
    }

    private double serviceSpawns(int n) throws Exception {
        ProcessSpec spec = ProcessSpec.builder(List.of("/bin/true")).build();
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            service.launch(spec).waitFor(PATIENCE);
        }
        return System.nanoTime() - t0;
    }

    // 2. exit notice

    private void exitNotice(int n) throws Exception {
        Random random = new Random(42);
        double[] svc = new double[n];
        double[] kata = new double[n];
        double[] c = new double[n];
        Path stamp = Files.createTempFile("exit-stamp", ".txt");
        try {
            for (int i = 0; i < n; i++) {
                svc[i] = serviceNotice(random.nextInt(51), stamp);
                kata[i] = kataLoopNotice(random.nextInt(51), stamp);
                c[i] = cNotice(stamp);
            }
        } finally {
            Files.deleteIfExists(stamp);
        }
        System.out.printf("%n## exit notice: child exit (after a random 0-50 ms) to its completion (%d exits each, ms)%n", n);
        System.out.printf("| method | median | p99 | max | mean |%n|---|---|---|---|---|%n");
        row("C pidfd + poll (baseline)", c);
        row("process service (pidfd + epoll)", svc);
        row("Kata's waitForShim loop (100 ms polling)", kata);
        System.out.printf("process service / C, medians: %.2fx; Kata loop / process service, medians: %.0fx%n",
                Measure.median(svc) / Measure.median(c), Measure.median(kata) / Measure.median(svc));
    }

    /** One exit noticed by the C baseline (a fresh helper process per sample, interleaved). */
    private double cNotice(Path stamp) throws Exception {
        return Measure.cProgram(List.of(bin.resolve("notice_pidfd").toString(), bin.resolve("exit_after").toString(),
                stamp.toString(), "1"));
    }

    private double serviceNotice(int delayMs, Path stamp) throws Exception {
        AtomicLong completed = new AtomicLong();
        SupervisedProcess p = service.launch(exitAfter(delayMs, stamp));
        p.onExit().thenRun(() -> completed.set(System.nanoTime())).toCompletableFuture().get(30, TimeUnit.SECONDS);
        return completed.get() - exitStamp(stamp);
    }

    /** Kata's loop: is it still running? If so sleep 100 ms (here with shimhost's correct liveness test). */
    private double kataLoopNotice(int delayMs, Path stamp) throws Exception {
        SupervisedProcess p = service.launch(exitAfter(delayMs, stamp));
        while (p.isRunning()) {
            Thread.sleep(100);
        }
        long noticed = System.nanoTime();
        p.waitFor(PATIENCE);
        return noticed - exitStamp(stamp);
    }

    private ProcessSpec exitAfter(int delayMs, Path stamp) throws Exception {
        Files.writeString(stamp, "");
        return ProcessSpec.builder(List.of(bin.resolve("exit_after").toString(), Integer.toString(delayMs),
                stamp.toString())).build();
    }

    private static long exitStamp(Path stamp) throws Exception {
        return Long.parseLong(Files.readString(stamp).strip());
    }

    // 3. footprint

    /**
     * All the process service's measurements come first, then ProcessBuilder's: its reaper threads
     * outlive their processes for a while and would be counted against the service otherwise.
     */
    private void supervisionFootprint(int max) throws Exception {
        int[] counts = {0, 1, 100, 1000, max};
        long[][] svc = new long[counts.length][];
        long[][] pb = new long[counts.length][];
        for (int i = 0; i < counts.length; i++) {
            svc[i] = footprint(counts[i], true);
        }
        for (int i = 0; i < counts.length; i++) {
            pb[i] = footprint(counts[i], false);
        }
        System.out.printf("%n## supervising N concurrent `sleep 600` (threads in the JVM; heap after GC)%n");
        System.out.printf("| N | service threads | service heap KiB | ProcessBuilder threads | ProcessBuilder heap KiB |%n");
        System.out.printf("|---|---|---|---|---|%n");
        for (int i = 0; i < counts.length; i++) {
            System.out.printf("| %d | %d | %d | %d | %d |%n", counts[i], svc[i][0], svc[i][1] / 1024, pb[i][0],
                    pb[i][1] / 1024);
        }
        int last = counts.length - 1;
        System.out.printf("heap per supervised process: service %.0f bytes, ProcessBuilder %.0f bytes (%d processes)%n",
                (svc[last][1] - svc[0][1]) / (double) max, (pb[last][1] - pb[0][1]) / (double) max, max);
    }

    /** Threads and used heap with n sleeps running, then stops them all. */
    private long[] footprint(int n, boolean viaService) throws Exception {
        List<SupervisedProcess> ours = new ArrayList<>();
        List<Process> theirs = new ArrayList<>();
        ProcessSpec spec = ProcessSpec.builder(List.of("sleep", "600")).stdio(Stdio.discard()).build();
        for (int i = 0; i < n; i++) {
            if (viaService) {
                ours.add(service.launch(spec));
            } else {
                theirs.add(new ProcessBuilder("sleep", "600").start());
            }
        }
        long threads = ManagementFactory.getThreadMXBean().getThreadCount();
        long heap = usedHeapAfterGc();
        for (SupervisedProcess p : ours) {
            p.stop();
        }
        for (SupervisedProcess p : ours) {
            p.waitFor(PATIENCE);
        }
        for (Process p : theirs) {
            p.destroyForcibly();
        }
        for (Process p : theirs) {
            p.waitFor();
        }
        return new long[] {threads, heap};
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(50);
        }
        return memory.getHeapMemoryUsage().getUsed();
    }

    // statistics

    private static void row(String name, double[] nanos) {
        double[] sorted = nanos.clone();
        Arrays.sort(sorted);
        System.out.printf("| %s | %.3f | %.3f | %.3f | %.3f |%n", name, Measure.median(nanos) / 1e6,
                sorted[(int) Math.ceil(sorted.length * 0.99) - 1] / 1e6, sorted[sorted.length - 1] / 1e6,
                Arrays.stream(nanos).average().orElse(0) / 1e6);
    }
}
