package io.shimhost.bench;

import java.util.Arrays;
import java.util.List;

/** What the benchmarks share: medians, and running a C baseline that prints its own nanoseconds. */
public final class Measure {

    private Measure() {
    }

    /** @return the median of the values */
    public static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int m = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2;
    }

    /** One step of a benchmark. */
    public interface Step {
        void run() throws Exception;
    }

    /** @return the mean time of one run of {@code step}, in ms, over {@code runs} runs in a row */
    public static double millisPerRun(int runs, Step step) throws Exception {
        long t0 = System.nanoTime();
        for (int k = 0; k < runs; k++) {
            step.run();
        }
        return (System.nanoTime() - t0) / (runs * 1e6);
    }

    /** Runs a C helper and returns the number it prints (nanoseconds); a failure is an error. */
    static double cProgram(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).start();
        String out = new String(p.getInputStream().readAllBytes()).strip();
        if (p.waitFor() != 0) {
            throw new IllegalStateException(command + " failed: " + new String(p.getErrorStream().readAllBytes()));
        }
        return Double.parseDouble(out);
    }
}
