package io.shimhost.http.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;

import io.shimhost.api.Identifiers;
import io.shimhost.api.registry.OutputTail;
import io.shimhost.api.registry.ShimRecord;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code GET /v1/shims/{id}/logs}: what the shim wrote to its output log, the rotated part first,
 * as the bytes it wrote ({@code tail}: only the last lines); with {@code follow}, then what it
 * writes, until it has exited and all is sent, or the client goes away (noticed at the next write).
 */
final class LogStream {

    /** How often a followed log is looked at, as {@code shim:logs -f} does. */
    private static final long FOLLOW_MILLIS = 200;
    static final String TEXT = "text/plain; charset=utf-8";

    private LogStream() {
    }

    static void send(ShimRecord record, int tail, boolean follow, HttpServletResponse response)
            throws Problem, IOException, InterruptedException {
        Path file = record.outputLog().orElseThrow(() -> Problem.of(409, "Shim " + Identifiers.shown(record.shim().token())
                + " has no output log: start it with \"log\", or configure output.folder for its type"));
        OutputTail reader = new OutputTail(file);
        response.setStatus(200);
        response.setContentType(TEXT);
        OutputStream out = response.getOutputStream();
        out.write(reader.last(tail));
        out.flush();
        while (follow) {
            boolean running = record.shim().isRunning();
            byte[] more = reader.next();
            if (more.length > 0) {
                out.write(more);
                out.flush();
            } else if (!running) {
                return;
            }
            Thread.sleep(FOLLOW_MILLIS);
        }
    }
}
