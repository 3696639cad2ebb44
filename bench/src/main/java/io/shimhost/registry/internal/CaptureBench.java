package io.shimhost.registry.internal;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

import io.shimhost.api.ProcessSpec;
import io.shimhost.api.Stdio;
import io.shimhost.api.SupervisedProcess;
import io.shimhost.bench.Measure;
import io.shimhost.core.internal.PosixProcesses;

/**
 * What capturing a shim's output costs, in one interleaved run: spawn + reap of /bin/true with
 * stdio on /dev/null (the baseline), with stdout and stderr appended to a log file, and with the
 * log also watched by the registry's one watcher until the exit (as a start with --log does);
 * then the threads of the JVM while N detached shims write to captured logs. Usage: java ...
 * CaptureBench [ROUNDS] [SHIMS].
 */
public final class CaptureBench {

    private static final int PER_ROUND = 50;

    private CaptureBench() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        int shims = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        Path dir = Files.createTempDirectory("capture", PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwx------")));
        PosixProcesses processes = new PosixProcesses();
        try (OutputLogs logs = new OutputLogs()) {
            double[] discard = new double[rounds];
            double[] logged = new double[rounds];
            double[] watched = new double[rounds];
            OutputLog log = new OutputLog(dir.resolve("true.log"), 1024 * 1024);
            for (int r = 0; r < rounds; r++) {
                discard[r] = time(() -> processes.launch(spec("/bin/true", Stdio.discard())).waitFor());
                logged[r] = time(() -> processes.launch(spec("/bin/true", Stdio.log(log.file()))).waitFor());
                watched[r] = time(() -> {
                    SupervisedProcess p = processes.launch(spec("/bin/true", Stdio.log(log.file())));
                    logs.watch(log);
                    p.waitFor();
                    logs.unwatch(log);
                });
            }
            double base = Measure.median(discard);
            System.out.printf("spawn + reap /bin/true, medians of %d rounds of %d (ms):%n", rounds, PER_ROUND);
            System.out.printf("  stdio on /dev/null (baseline)                 %7.3f  1.00x%n", base);
            System.out.printf("  stdout and stderr appended to a log file      %7.3f  %.2fx%n", Measure.median(logged),
                    Measure.median(logged) / base);
            System.out.printf("  ... and the log watched until the exit        %7.3f  %.2fx%n", Measure.median(watched),
                    Measure.median(watched) / base);
            threads(processes, logs, dir, shims);
        } finally {
            processes.deactivate();
        }
    }

    /** Threads before any shim, and with N shims whose output is captured and watched. */
    private static void threads(PosixProcesses processes, OutputLogs logs, Path dir, int shims) throws Exception {
        int before = ManagementFactory.getThreadMXBean().getThreadCount();
        List<SupervisedProcess> running = new ArrayList<>();
        try {
            for (int i = 0; i < shims; i++) {
                OutputLog log = new OutputLog(dir.resolve("shim-" + i + ".log"), 1024 * 1024);
                running.add(processes.launch(spec("/bin/sh", Stdio.log(log.file()), "-c", "echo started; exec sleep 600")));
                logs.watch(log);
            }
            int with = ManagementFactory.getThreadMXBean().getThreadCount();
            System.out.printf("JVM threads: %d before, %d with %d detached shims writing to watched logs (%+d)%n",
                    before, with, shims, with - before);
        } finally {
            for (SupervisedProcess p : running) {
                p.stop();
                p.waitFor();
            }
        }
    }

    private static double time(Measure.Step step) throws Exception {
        return Measure.millisPerRun(PER_ROUND, step);
    }

    private static ProcessSpec spec(String program, Stdio stdio, String... args) throws Exception {
        List<String> argv = new ArrayList<>(List.of(program));
        argv.addAll(List.of(args));
        return ProcessSpec.builder(argv).stdio(stdio).build();
    }
}
