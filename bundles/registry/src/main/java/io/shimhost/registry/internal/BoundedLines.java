package io.shimhost.registry.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Splits a stream into lines at {@code \n}, UTF-8, holding at most one line of a bounded length: the
 * bytes of a longer line are skipped as they come, so that a file of any size costs no more memory
 * than its longest acceptable line. The text after the last newline is a line too (a torn last line
 * is reported like any other damaged line).
 */
final class BoundedLines {

    private BoundedLines() {
    }

    static void read(InputStream in, int maxBytes, StateFolder.LineSink sink) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(512);
        byte[] chunk = new byte[1 << 16];
        boolean tooLong = false;
        boolean pending = false;
        int number = 1;
        int n;
        while ((n = in.read(chunk)) >= 0) {
            int from = 0;
            for (int i = 0; i < n; i++) {
                if (chunk[i] != '\n') {
                    continue;
                }
                tooLong = append(line, chunk, from, i, maxBytes, tooLong);
                sink.line(number++, tooLong ? null : line.toString(StandardCharsets.UTF_8));
                line.reset();
                tooLong = false;
                from = i + 1;
            }
            tooLong = append(line, chunk, from, n, maxBytes, tooLong);
            pending = line.size() > 0 || tooLong;
        }
        if (pending) {
            sink.line(number, tooLong ? null : line.toString(StandardCharsets.UTF_8));
        }
    }

    /** @return whether the line is too long now; its bytes are then dropped */
    private static boolean append(ByteArrayOutputStream line, byte[] chunk, int from, int to, int maxBytes,
            boolean tooLong) {
        if (tooLong || line.size() + (to - from) > maxBytes) {
            line.reset();
            return true;
        }
        line.write(chunk, from, to - from);
        return false;
    }
}
