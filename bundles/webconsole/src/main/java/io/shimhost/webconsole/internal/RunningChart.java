package io.shimhost.webconsole.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import io.shimhost.api.registry.ShimRecord;
import io.shimhost.api.registry.ShimRecord.Supervision;

/**
 * How many shims ran in each minute of the last hour, as an SVG line: read from the table (each shim's
 * start and end), so nothing is sampled in the background; a shim that ran for a moment counts in its
 * minute. Shims forgotten are not counted.
 */
final class RunningChart {

    static final int POINTS = 61;
    private static final int WIDTH = 600;
    private static final int HEIGHT = 120;
    private static final int MARGIN = 20;

    private RunningChart() {
    }

    /**
     * @return for each minute of the hour before {@code now}, oldest first, the number of shims with a process
     *         that ran at some time in that minute (the minute that ends at {@code now} last)
     */
    static int[] counts(List<ShimRecord> table, Instant now) {
        int[] counts = new int[POINTS];
        for (int i = 0; i < POINTS; i++) {
            Instant end = now.minus(Duration.ofMinutes(POINTS - 1 - i));
            for (ShimRecord record : table) {
                if (ranWithin(record, end.minus(Duration.ofMinutes(1)), end)) {
                    counts[i]++;
                }
            }
        }
        return counts;
    }

    private static boolean ranWithin(ShimRecord record, Instant from, Instant to) {
        if (record.shim().pid() <= 0 || record.supervision() == Supervision.LOST) {
            return false;
        }
        boolean endless = record.endedAt().isEmpty() && record.ended().isEmpty();
        return !record.shim().startTime().isAfter(to)
                && (endless || record.endedAt().map(end -> end.isAfter(from)).orElse(false));
    }

    static String svg(int[] counts) {
        int max = 1;
        for (int count : counts) {
            max = Math.max(max, count);
        }
        StringBuilder points = new StringBuilder();
        for (int i = 0; i < counts.length; i++) {
            double x = MARGIN + (WIDTH - 2.0 * MARGIN) * i / (counts.length - 1);
            double y = HEIGHT - MARGIN - (HEIGHT - 2.0 * MARGIN) * counts[i] / max;
            points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
        }
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + WIDTH + "\" height=\"" + HEIGHT
                + "\" viewBox=\"0 0 " + WIDTH + " " + HEIGHT + "\" role=\"img\">"
                + "<title>Shims that ran in each minute of the last hour: " + counts[counts.length - 1] + " in the last minute, at most " + max
                + "</title><rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>"
                + "<line x1=\"" + MARGIN + "\" y1=\"" + (HEIGHT - MARGIN) + "\" x2=\"" + (WIDTH - MARGIN) + "\" y2=\""
                + (HEIGHT - MARGIN) + "\" stroke=\"#999\"/>"
                + "<text x=\"2\" y=\"" + (MARGIN - 6) + "\" font-size=\"11\">" + max + "</text>"
                + "<text x=\"" + MARGIN + "\" y=\"" + (HEIGHT - 4) + "\" font-size=\"11\">-60 min</text>"
                + "<text x=\"" + (WIDTH - MARGIN - 24) + "\" y=\"" + (HEIGHT - 4) + "\" font-size=\"11\">now</text>"
                + "<polyline fill=\"none\" stroke=\"#2a6ebb\" stroke-width=\"2\" points=\"" + points.toString().strip()
                + "\"/></svg>";
    }
}
