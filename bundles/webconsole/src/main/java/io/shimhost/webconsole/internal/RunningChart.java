package io.shimhost.webconsole.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import io.shimhost.api.registry.ShimRecord;
import io.shimhost.api.registry.ShimRecord.Supervision;

/**
 * How many shims ran over the last hour, a point a minute, as an SVG line: read from the table (each
 * shim's start and end), so nothing is sampled in the background. Shims forgotten are not counted.
 */
final class RunningChart {

    static final int POINTS = 61;
    private static final int WIDTH = 600;
    private static final int HEIGHT = 120;
    private static final int MARGIN = 20;

    private RunningChart() {
    }

    /** @return the number of shims running at each minute of the hour before {@code now}, oldest first */
    static int[] counts(List<ShimRecord> table, Instant now) {
        int[] counts = new int[POINTS];
        for (int i = 0; i < POINTS; i++) {
            Instant at = now.minus(Duration.ofMinutes(POINTS - 1 - i));
            for (ShimRecord record : table) {
                if (ranAt(record, at)) {
                    counts[i]++;
                }
            }
        }
        return counts;
    }

    private static boolean ranAt(ShimRecord record, Instant at) {
        if (record.shim().pid() <= 0 || record.supervision() == Supervision.LOST) {
            return false;
        }
        Instant started = record.shim().startTime();
        return !started.isAfter(at) && record.endedAt().map(end -> end.isAfter(at))
                .orElse(record.ended().isEmpty());
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
                + "<title>Shims running over the last hour: " + counts[counts.length - 1] + " now, at most " + max
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
