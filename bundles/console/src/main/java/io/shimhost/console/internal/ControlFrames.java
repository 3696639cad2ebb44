package io.shimhost.console.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.locks.ReentrantLock;

/**
 * What the daemon sends a control client, per command: frames of output ({@code o LENGTH\n} and
 * that many bytes), then the outcome: {@code = 0\n}, or the one-line error
 * ({@code e LENGTH\n} and the line) and {@code = 1\n}. Output is sent as it is flushed, so a long
 * command streams; an output frame may be empty.
 */
final class ControlFrames {

    private final OutputStream socket;
    /** Frames are written whole, one at a time; a probe skips its turn rather than wait. */
    private final ReentrantLock writing = new ReentrantLock();
    /** Whether a command's answer is open, so that an empty frame is part of it. */
    private volatile boolean answering;

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
     * which no read can tell from a client that only shut its sending side. Skipped while a frame is
     * being written (that write finds out as well).
     */
    void probe() throws IOException {
        if (answering && writing.tryLock()) {
            try {
                if (answering) {
                    write(("o 0\n").getBytes(StandardCharsets.US_ASCII));
                }
            } finally {
                writing.unlock();
            }
        }
    }

    /** A command starts: its answer is open until {@link #succeeded()} or {@link #failed(String)}. */
    void answering() {
        answering = true;
    }

    void succeeded() throws IOException {
        end(0);
    }

    void failed(String line) throws IOException {
        writing.lock();
        try {
            frame('e', line.getBytes(StandardCharsets.UTF_8));
            end(1);
        } finally {
            writing.unlock();
        }
    }

    private void end(int status) throws IOException {
        writing.lock();
        try {
            answering = false;
            write(("= " + status + "\n").getBytes(StandardCharsets.US_ASCII));
        } finally {
            writing.unlock();
        }
    }

    private void frame(char kind, byte[] bytes) throws IOException {
        writing.lock();
        try {
            byte[] header = (kind + " " + bytes.length + "\n").getBytes(StandardCharsets.US_ASCII);
            byte[] whole = new byte[header.length + bytes.length];
            System.arraycopy(header, 0, whole, 0, header.length);
            System.arraycopy(bytes, 0, whole, header.length, bytes.length);
            write(whole);
        } finally {
            writing.unlock();
        }
    }

    private void write(byte[] bytes) throws IOException {
        socket.write(bytes);
        socket.flush();
    }
}
