package io.shimhost.metrics.internal;

import java.lang.annotation.Annotation;
import java.util.List;

import io.shimhost.api.ExitStatus;
import io.shimhost.api.ProcessSpec;
import io.shimhost.api.ShimType;
import io.shimhost.api.SupervisedProcess;
import io.shimhost.bench.Measure;
import io.shimhost.core.internal.PosixProcesses;

/**
 * What metrics cost a shim's life, in one interleaved run: spawn + reap of /bin/true through the
 * process service with metrics off (nothing reports, nothing reads a clock: the baseline) and on
 * (the supervisor times its wake-up, and each life reports what the registry reports for a start:
 * the start's latency and result, two table writes and the exit, each timed as the registry times
 * it, to the real metrics with their HTTP server up). Usage: java ... MetricsBench [ROUNDS].
 */
public final class MetricsBench {

    private static final int PER_ROUND = 200;

    private MetricsBench() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 9;
        PosixProcesses processes = new PosixProcesses();
        NodeMetrics metrics = new NodeMetrics(new MetricsConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return MetricsConfig.class;
            }

            @Override
            public String address() {
                return "127.0.0.1:0";
            }

            @Override
            public boolean per_shim() {
                return false;
            }
        });
        try {
            ProcessSpec bin = ProcessSpec.builder(List.of("/bin/true")).build();
            double[] off = new double[rounds];
            double[] on = new double[rounds];
            for (int i = 0; i < 2 * PER_ROUND; i++) {
                processes.launch(bin).waitFor(); // warm up both paths alike
            }
            for (int r = 0; r < rounds; r++) {
                // which goes first alternates: the second of two runs back to back is not slower by chance
                for (boolean metricsOn : r % 2 == 0 ? new boolean[] {false, true} : new boolean[] {true, false}) {
                    if (metricsOn) {
                        processes.setMetrics(metrics);
                        on[r] = Measure.millisPerRun(PER_ROUND, () -> reported(processes, bin, metrics));
                    } else {
                        processes.unsetMetrics(metrics);
                        off[r] = Measure.millisPerRun(PER_ROUND, () -> processes.launch(bin).waitFor());
                    }
                }
            }
            double base = Measure.median(off);
            System.out.printf("spawn + reap /bin/true, medians of %d rounds of %d (ms):%n", rounds, PER_ROUND);
            System.out.printf("  metrics off (baseline)                         %7.3f  1.000x%n", base);
            System.out.printf("  metrics on: supervisor and a start's reports   %7.3f  %.3fx%n", Measure.median(on),
                    Measure.median(on) / base);
            // the difference drowns in the spawn's noise: the reports alone, timed without a process
            double[] reports = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                reports[r] = Measure.millisPerRun(100_000, () -> reportsAlone(metrics));
            }
            double each = Measure.median(reports);
            System.out.printf("  a life's reports alone (no process)            %7.5f  %.4fx of the baseline%n", each,
                    each / base);
        } finally {
            metrics.deactivate();
            processes.deactivate();
        }
    }

    /** The same clock reads and reports, with no process, plus the supervisor's wake-up timing. */
    private static void reportsAlone(NodeMetrics metrics) {
        long start = System.nanoTime();
        long intent = System.nanoTime();
        metrics.tableWritten(System.nanoTime() - intent);
        long record = System.nanoTime();
        metrics.tableWritten(System.nanoTime() - record);
        metrics.startEnded(ShimType.KATA, true, System.nanoTime() - start);
        long woke = System.nanoTime();
        metrics.supervisorWoke(System.nanoTime() - woke);
        metrics.shimExited(ShimType.KATA, ExitStatus.exited(0));
    }

    /** A life as the registry reports it while metrics are on: every clock read and report it makes. */
    private static void reported(PosixProcesses processes, ProcessSpec bin, NodeMetrics metrics) throws Exception {
        long start = System.nanoTime();
        long intent = System.nanoTime();
        metrics.tableWritten(System.nanoTime() - intent);
        SupervisedProcess p = processes.launch(bin);
        long record = System.nanoTime();
        metrics.tableWritten(System.nanoTime() - record);
        metrics.startEnded(ShimType.KATA, true, System.nanoTime() - start);
        ExitStatus status = p.waitFor();
        metrics.shimExited(ShimType.KATA, status);
    }
}
