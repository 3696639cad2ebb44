package io.shimhost.registry.internal;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import io.shimhost.api.InvalidParameterException;
import io.shimhost.api.NamespaceType;
import io.shimhost.api.ProcessSpec;
import io.shimhost.api.ShimParams;
import io.shimhost.api.ShimProcess;
import io.shimhost.api.ShimType;
import io.shimhost.api.SupervisedProcess;
import io.shimhost.core.internal.PosixProcesses;

/**
 * N shims on one node: N {@code sleep}s started as the registry starts a shim (intent recorded and
 * synced, spawn, pidfd under the supervisor, pid recorded), one after the other. Reported: the
 * median time of a start among the first 1,000 against the last 1,000 (is a start's cost
 * independent of the table and of the processes supervised?), the JVM's threads before and with
 * N shims, and the heap per shim after a GC; and a spawn + reap of /bin/true, plain and in a new
 * namespace, before and with N shims. Usage (as root, for the namespace): java ... ScaleBench [SHIMS].
 */
public final class ScaleBench {

    private static final int WINDOW = 1000;
    private static final ProcessSpec PLAIN;
    /** A launch on the namespaced path (its own thread), in the cheapest namespace to make. */
    private static final ProcessSpec NAMESPACED;

    static {
        try {
            PLAIN = ProcessSpec.builder(List.of("/bin/true")).build();
            NAMESPACED = ProcessSpec.builder(List.of("/bin/true")).createNamespace(NamespaceType.UTS).build();
        } catch (InvalidParameterException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private ScaleBench() {
    }

    public static void main(String[] args) throws Exception {
        int shims = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        Path dir = Files.createTempDirectory("scale");
        PosixProcesses processes = new PosixProcesses();
        List<SupervisedProcess> started = new ArrayList<>();
        long[] nanos = new long[shims];
        int threadsBefore;
        long heapBefore;
        try (DurableShimTable table = DurableShimTable.open(dir.resolve("state"), event -> { })) {
            table.adoptUnverified(processes);
            threadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();
            heapBefore = heapAfterGc();
            ProcessSpec sleep = ProcessSpec.builder(List.of("sleep", "3600")).build();
            double spawnBefore = spawnAndReap(processes, PLAIN);
            double namespacedBefore = spawnAndReap(processes, NAMESPACED);
            for (int i = 0; i < shims; i++) {
                ShimParams params = ShimParams.builder().token(UUID.randomUUID().toString())
                        .launchId(UUID.randomUUID().toString()).detach(true).build();
                long start = System.nanoTime();
                table.intend(params, ShimType.KATA, "bench", null, java.util.Map.of());
                SupervisedProcess process = processes.launch(ProcessSpec.forShim(sleep.argv(), params));
                table.record(ShimProcess.of(ShimType.KATA, params, process), "bench", params.launchId(), null, java.util.Map.of());
                nanos[i] = System.nanoTime() - start;
                started.add(process);
            }
            double spawnWith = spawnAndReap(processes, PLAIN);
            double namespacedWith = spawnAndReap(processes, NAMESPACED);
            int threadsWith = ManagementFactory.getThreadMXBean().getThreadCount();
            long heapWith = heapAfterGc();
            double first = medianMillis(Arrays.copyOfRange(nanos, 0, Math.min(WINDOW, shims)));
            double last = medianMillis(Arrays.copyOfRange(nanos, Math.max(0, shims - WINDOW), shims));
            System.out.printf("%d shims started one after the other (sleep 3600), median ms per start:%n", shims);
            System.out.printf("  the first %d   %7.3f  1.00x%n", WINDOW, first);
            System.out.printf("  the last %d    %7.3f  %.2fx%n", WINDOW, last, last / first);
            System.out.printf("spawn + reap of /bin/true alone, median ms: %.3f before, %.3f with %d shims (%.2fx)%n",
                    spawnBefore, spawnWith, shims, spawnWith / spawnBefore);
            System.out.printf("the same in a new uts namespace, median ms: %.3f before, %.3f with %d shims (%.2fx)%n",
                    namespacedBefore, namespacedWith, shims, namespacedWith / namespacedBefore);
            System.out.printf("a start beyond its spawn: %.3f ms among the first, %.3f among the last (%.2fx)%n",
                    first - spawnBefore, last - spawnWith, (last - spawnWith) / (first - spawnBefore));
            System.out.printf("JVM threads: %d before, %d with %d shims (%+d)%n", threadsBefore, threadsWith, shims,
                    threadsWith - threadsBefore);
            System.out.printf("heap after GC: %.1f MiB more with %d shims, %.0f bytes a shim%n",
                    (heapWith - heapBefore) / 1048576.0, shims, (heapWith - heapBefore) / (double) shims);
            for (SupervisedProcess p : started) {
                p.stop();
            }
            for (SupervisedProcess p : started) {
                p.waitFor();
            }
        } finally {
            processes.deactivate();
        }
    }

    /** Median ms of 200 spawn + reap of the spec. */
    private static double spawnAndReap(PosixProcesses processes, ProcessSpec spec) throws Exception {
        long[] nanos = new long[200];
        for (int i = 0; i < nanos.length; i++) {
            long start = System.nanoTime();
            processes.launch(spec).waitFor();
            nanos[i] = System.nanoTime() - start;
        }
        return medianMillis(nanos);
    }

    private static long heapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }

    private static double medianMillis(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2] / 1e6;
    }
}
