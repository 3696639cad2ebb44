package io.shimhost.registry.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import io.shimhost.api.NoProcess;
import io.shimhost.api.ProcessSpec;
import io.shimhost.api.ShimParams;
import io.shimhost.api.ShimType;
import io.shimhost.bench.Measure;
import io.shimhost.core.internal.PosixProcesses;

/**
 * What recording a start costs in the registry's durable table, at two table sizes, in one
 * interleaved run: the intent before the spawn and the pid after it (two journal appends, each
 * synced, as a start does), with SMALL and with LARGE other rows in the table; and spawn + reap of
 * /bin/true as the yardstick. Each recorded start is forgotten again outside the timing, so the
 * table keeps its size (and the journal is compacted now and then, as in a node's life).
 * Usage: java ... StartRecordBench [ROUNDS] [SMALL] [LARGE].
 */
public final class StartRecordBench {

    private static final int PER_ROUND = 100;

    private StartRecordBench() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 9;
        int small = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int large = args.length > 2 ? Integer.parseInt(args[2]) : 10_000;
        PosixProcesses processes = new PosixProcesses();
        Path dir = Files.createTempDirectory("start-record");
        double[] spawn = new double[rounds];
        double[] few = new double[rounds];
        double[] many = new double[rounds];
        try (DurableShimTable smallTable = filled(dir.resolve("small"), small, processes);
                DurableShimTable largeTable = filled(dir.resolve("large"), large, processes)) {
            for (int r = 0; r < rounds; r++) {
                spawn[r] = Measure.millisPerRun(PER_ROUND, () -> processes.launch(spec()).waitFor());
                few[r] = recording(smallTable);
                many[r] = recording(largeTable);
            }
        } finally {
            processes.deactivate();
        }
        double base = Measure.median(spawn);
        double smallMs = Measure.median(few);
        double largeMs = Measure.median(many);
        System.out.printf("recording a start (the intent, synced; then the pid, written), medians of %d rounds of %d (ms):%n",
                rounds, PER_ROUND);
        System.out.printf("  spawn + reap /bin/true (yardstick)          %7.3f  1.00x%n", base);
        System.out.printf("  recording, %6d other rows                 %7.3f  %.2fx of the spawn%n", small, smallMs,
                smallMs / base);
        System.out.printf("  recording, %6d other rows                 %7.3f  %.2fx of the spawn, %.2fx of %d rows%n",
                large, largeMs, largeMs / base, largeMs / smallMs, small);
    }

    /** A table with {@code rows} rows that stay, as other shims would. */
    private static DurableShimTable filled(Path state, int rows, PosixProcesses processes) throws Exception {
        DurableShimTable table = DurableShimTable.open(state, event -> { });
        table.adoptUnverified(processes);
        for (int i = 0; i < rows; i++) {
            ShimParams params = params();
            table.intend(params, ShimType.NOOP, "bench", null, java.util.Map.of());
            table.record(new NoProcess(0, ShimType.NOOP, params), "bench", params.launchId(), null, java.util.Map.of());
        }
        return table;
    }

    /** ms per start recorded (intent, then the pid), the forgetting afterwards not counted. */
    private static double recording(DurableShimTable table) throws Exception {
        long total = 0;
        for (int i = 0; i < PER_ROUND; i++) {
            ShimParams params = params();
            long start = System.nanoTime();
            table.intend(params, ShimType.NOOP, "bench", null, java.util.Map.of());
            table.record(new NoProcess(0, ShimType.NOOP, params), "bench", params.launchId(), null, java.util.Map.of());
            total += System.nanoTime() - start;
            table.forget(params.token());
        }
        return total / 1e6 / PER_ROUND;
    }

    private static ProcessSpec spec() throws Exception {
        return ProcessSpec.builder(List.of("/bin/true")).build();
    }

    private static ShimParams params() throws Exception {
        return ShimParams.builder().token(UUID.randomUUID().toString()).launchId(UUID.randomUUID().toString()).build();
    }
}
