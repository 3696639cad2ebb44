package io.shimhost.console.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * What the daemon sends a control client, per command: frames of output ({@code o LENGTH\n} and
 * that many bytes), then the outcome: {@code = 0\n}, or the one-line error
 * ({@code e LENGTH\n} and the line) and {@code = 1\n}. Output is sent as it is flushed, so a long
 * command streams; an output frame may be empty.
 */
final class ControlFrames {

    private final OutputStream socket;
    /** Whether a command's answer is open, so that an empty frame is part of it. */
    private boolean answering;

    ControlFrames(OutputStream socket) {
        this.socket = socket;
    }

    /** @return a stream whose flushed bytes go out as output frames */
    OutputStream output() {
        return new ByteArrayOutputStream() {
            @Override
            public synchronized void flush() throws IOException {
                if (size() > 0) {
                    frame('o', toByteArray());
                    reset();
                }
            }
        };
    }

    /**
     * An empty output frame, which a client reads as no output: it fails once the client is gone,
     * which no read can tell from a client that only shut its sending side.
     */
    synchronized void probe() throws IOException {
        if (answering) {
            frame('o', new byte[0]);
        }
    }

    /** A command starts: its answer is open until {@link #succeeded()} or {@link #failed(String)}. */
    synchronized void answering() {
        answering = true;
    }

    void succeeded() throws IOException {
        end(0);
    }

    void failed(String line) throws IOException {
        frame('e', line.getBytes(StandardCharsets.UTF_8));
        end(1);
    }

    private synchronized void end(int status) throws IOException {
        answering = false;
        socket.write(("= " + status + "\n").getBytes(StandardCharsets.US_ASCII));
        socket.flush();
    }

    private synchronized void frame(char kind, byte[] bytes) throws IOException {
        socket.write((kind + " " + bytes.length + "\n").getBytes(StandardCharsets.US_ASCII));
        socket.write(bytes);
        socket.flush();
    }
}
