package io.shimhost.registry.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import io.shimhost.api.ProcessSpec;
import io.shimhost.api.ShimParams;
import io.shimhost.api.ShimProcess;
import io.shimhost.api.ShimType;
import io.shimhost.api.SupervisedProcess;
import io.shimhost.bench.Measure;
import io.shimhost.core.internal.PosixProcesses;

/**
 * What recording a start costs, through the registry's durable table, in one interleaved run:
 * spawn + reap of /bin/true alone (the baseline); with the start recorded after the spawn (one
 * table write, as before the intent records); and with the intent recorded before the spawn and
 * the pid after it (two writes, as a start does now, so that a crash during the start loses
 * nothing). Usage: java ... StartRecordBench [ROUNDS] [ROWS].
 */
public final class StartRecordBench {

    private static final int PER_ROUND = 20;

    private StartRecordBench() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        int rows = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        PosixProcesses processes = new PosixProcesses();
        Path dir = Files.createTempDirectory("start-record");
        double[] spawn = new double[rounds];
        double[] after = new double[rounds];
        double[] intent = new double[rounds];
        try (DurableShimTable table = DurableShimTable.open(dir.resolve("state"), event -> { })) {
            table.adoptUnverified(processes);
            for (int i = 0; i < rows; i++) {
                table.intend(params(), ShimType.NOOP, "bench", null); // rows that stay, as other shims would
            }
            for (int r = 0; r < rounds; r++) {
                spawn[r] = time(() -> processes.launch(spec()).waitFor());
                after[r] = time(() -> {
                    ShimParams params = params();
                    SupervisedProcess p = processes.launch(spec());
                    table.record(ShimProcess.of(ShimType.NOOP, params, p), "bench", "", null);
                    p.waitFor();
                    table.forget(params.token());
                });
                intent[r] = time(() -> {
                    ShimParams params = params();
                    table.intend(params, ShimType.NOOP, "bench", null);
                    SupervisedProcess p = processes.launch(spec());
                    table.record(ShimProcess.of(ShimType.NOOP, params, p), "bench", params.launchId(), null);
                    p.waitFor();
                    table.forget(params.token());
                });
            }
        } finally {
            processes.deactivate();
        }
        double base = Measure.median(spawn);
        System.out.printf("a start with %d other rows in the table, medians of %d rounds of %d (ms):%n", rows, rounds,
                PER_ROUND);
        System.out.printf("  spawn + reap /bin/true (baseline)                    %7.3f  1.00x%n", base);
        System.out.printf("  + recorded after the spawn (one write, before)       %7.3f  %.2fx%n", Measure.median(after),
                Measure.median(after) / base);
        System.out.printf("  + intent before, pid after (two writes, now)         %7.3f  %.2fx%n", Measure.median(intent),
                Measure.median(intent) / base);
        System.out.println("(the last two include forgetting the row afterwards: one more write each)");
    }

    private static double time(Measure.Step step) throws Exception {
        return Measure.millisPerRun(PER_ROUND, step);
    }

    private static ProcessSpec spec() throws Exception {
        return ProcessSpec.builder(List.of("/bin/true")).build();
    }

    private static ShimParams params() throws Exception {
        return ShimParams.builder().token(UUID.randomUUID().toString()).launchId(UUID.randomUUID().toString()).build();
    }
}
