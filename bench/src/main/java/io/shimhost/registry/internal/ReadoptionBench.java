package io.shimhost.registry.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import io.shimhost.api.ProcessSpec;
import io.shimhost.bench.Measure;
import io.shimhost.api.SupervisedProcess;
import io.shimhost.api.registry.ShimRecord.Supervision;
import io.shimhost.core.internal.PosixProcesses;

/**
 * Restart with N recorded running shims: the time from opening the table until every shim is
 * supervised again, against baselines measured in the same rounds: reading the table alone, the
 * /proc/PID/stat reads that verification cannot skip, and Kata's unverified probe (kill(pid, 0),
 * here ProcessHandle.of). Then the whole launcher, to its first command's output, on that table
 * and on an empty one. Lives in the registry's package to open the table as the bundle does.
 */
public final class ReadoptionBench {

    private ReadoptionBench() {
    }

    public static void main(String[] args) throws Exception {
        Path launcherJar = Path.of(args[0]);
        int shims = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 7;
        Path table = Files.createTempDirectory("readopt-table");
        Path empty = Files.createTempDirectory("readopt-empty");
        PosixProcesses launcher = new PosixProcesses();
        List<SupervisedProcess> sleeps = new ArrayList<>();
        try {
            List<ShimRow> rows = new ArrayList<>();
            for (int i = 0; i < shims; i++) {
                SupervisedProcess sleep = launcher.launch(ProcessSpec.builder(List.of("sleep", "3600")).build());
                sleeps.add(sleep);
                rows.add(new ShimRow("shim-" + i, "kataShim", "c" + i, "sb", sleep.pid(),
                        sleep.startTicks().orElseThrow(), Map.of(), sleep.startTime(), ShimRow.State.RUNNING, null));
            }
            try (TableFile file = TableFile.open(table)) {
                file.write(rows);
            }
            inProcess(table, rows, rounds);
            writes(rows, rounds, launcher);
            launcher(launcherJar, table, empty, rounds);
        } finally {
            for (SupervisedProcess sleep : sleeps) {
                sleep.stop();
            }
            for (SupervisedProcess sleep : sleeps) {
                sleep.waitFor();
            }
            launcher.deactivate();
        }
    }

    private static void inProcess(Path table, List<ShimRow> rows, int rounds) throws Exception {
        double[] adopt = new double[rounds];
        double[] load = new double[rounds];
        double[] stat = new double[rounds];
        double[] probe = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            PosixProcesses afterRestart = new PosixProcesses();
            long t0 = System.nanoTime();
            Registry registry = new Registry(table);
            registry.setProcesses(afterRestart);
            adopt[r] = (System.nanoTime() - t0) / 1e6;
            long adopted = registry.table().stream().filter(s -> s.supervision() == Supervision.ADOPTED).count();
            if (adopted != rows.size()) {
                throw new IllegalStateException("adopted " + adopted + " of " + rows.size());
            }
            registry.deactivate();
            afterRestart.deactivate();

            t0 = System.nanoTime();
            registry = new Registry(table);
            load[r] = (System.nanoTime() - t0) / 1e6;
            registry.deactivate();

            t0 = System.nanoTime();
            for (ShimRow row : rows) {
                afterRestart.startTimeOf(row.pid()).orElseThrow();
            }
            stat[r] = (System.nanoTime() - t0) / 1e6;

            t0 = System.nanoTime();
            for (ShimRow row : rows) {
                ProcessHandle.of(row.pid()).orElseThrow();
            }
            probe[r] = (System.nanoTime() - t0) / 1e6;
        }
        double a = Measure.median(adopt);
        System.out.printf("%d recorded running shims, %d rounds, medians (ms):%n", rows.size(), rounds);
        System.out.printf("  re-adopt all (open table, pidfd + start time each, supervise) %9.2f  1.00x%n", a);
        System.out.printf("  open and read the table only                                  %9.2f  %.2fx of re-adopt%n", Measure.median(load), Measure.median(load) / a);
        System.out.printf("  read /proc/PID/stat for each (the verification floor)         %9.2f  %.2fx of re-adopt%n", Measure.median(stat), Measure.median(stat) / a);
        System.out.printf("  Kata's probe, kill(pid, 0) each (no verification)             %9.2f  %.2fx of re-adopt%n", Measure.median(probe), Measure.median(probe) / a);
        System.out.printf("  per shim: re-adopt %.1f us%n", a * 1000 / rows.size());
    }

    /**
     * What a checkpoint costs (the whole table: fsync, rename, fsync of the folder), which a
     * compaction and a clean stop write; a start only appends to the journal (startrecord.sh).
     * Against spawning and reaping /bin/true in the same rounds.
     */
    private static void writes(List<ShimRow> rows, int rounds, PosixProcesses processes) throws Exception {
        int[] sizes = IntStream.of(1, 100, rows.size()).filter(k -> k <= rows.size()).distinct().toArray();
        double[][] write = new double[sizes.length][rounds];
        double[] spawn = new double[rounds];
        Path dir = Files.createTempDirectory("readopt-writes");
        try (TableFile file = TableFile.open(dir)) {
            for (int r = 0; r < rounds; r++) {
                for (int i = 0; i < sizes.length; i++) {
                    List<ShimRow> part = rows.subList(0, sizes[i]);
                    long t0 = System.nanoTime();
                    for (int k = 0; k < 20; k++) {
                        file.write(part);
                    }
                    write[i][r] = (System.nanoTime() - t0) / 20e6;
                }
                long t0 = System.nanoTime();
                for (int k = 0; k < 20; k++) {
                    processes.launch(ProcessSpec.builder(List.of("/bin/true")).build()).waitFor();
                }
                spawn[r] = (System.nanoTime() - t0) / 20e6;
            }
        }
        double base = Measure.median(spawn);
        System.out.printf("a checkpoint (compaction, clean stop), medians (ms):%n");
        System.out.printf("  spawn + reap /bin/true (baseline)  %7.3f  1.00x%n", base);
        for (int i = 0; i < sizes.length; i++) {
            System.out.printf("  write a table of %4d shims        %7.3f  %.2fx%n", sizes[i], Measure.median(write[i]),
                    Measure.median(write[i]) / base);
        }
    }

    /** The operator's view: the launcher to its first command's output, on the table and on an empty one. */
    private static void launcher(Path jar, Path table, Path empty, int rounds) throws Exception {
        Path script = Files.writeString(Files.createTempFile("readopt", ".gogo"), "shim:types\n");
        double[] full = new double[rounds];
        double[] none = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            none[r] = launch(jar, empty, script);
            full[r] = launch(jar, table, script);
        }
        System.out.printf("launcher to exit after shim:types, medians (ms):%n");
        System.out.printf("  empty table                 %8.1f  1.00x%n", Measure.median(none));
        System.out.printf("  %d running shims recorded  %8.1f  %.2fx%n", shimsIn(table), Measure.median(full), Measure.median(full) / Measure.median(none));
    }

    private static long shimsIn(Path table) throws Exception {
        return Files.readAllLines(table.resolve(TableFile.NAME)).stream().filter(l -> !l.startsWith("#")).count();
    }

    private static double launch(Path jar, Path state, Path script) throws Exception {
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dshimhost.state=" + state, "-jar", jar.toString(), script.toString())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("launcher failed on " + state);
        }
        return (System.nanoTime() - t0) / 1e6;
    }
}
