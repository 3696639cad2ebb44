package io.shimhost.console.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * What the daemon sends a control client, per command: frames of output ({@code o LENGTH\n} and
 * that many bytes), then the outcome: {@code = 0\n}, or the one-line error
 * ({@code e LENGTH\n} and the line) and {@code = 1\n}. Output is sent as it comes, so a long
 * command streams, and lines that come together go together ({@link Output}); an output frame may
 * be empty.
 */
final class ControlFrames {

    /** The most output held back before it is sent as a frame. */
    static final int FRAME_BYTES = 64 * 1024;
    /** How long a line that follows another waits for more. */
    static final long LINGER_MICROS = 1000;

    private final OutputStream socket;
    /** Sends what a command that went quiet left waiting. */
    private final ScheduledExecutorService linger;
    /** Frames are written whole, one at a time; a probe skips its turn rather than wait. */
    private final ReentrantLock writing = new ReentrantLock();
    /** Whether a command's answer is open, so that an empty frame is part of it. */
    private volatile boolean answering;

    ControlFrames(OutputStream socket, ScheduledExecutorService linger) {
        this.socket = socket;
        this.linger = linger;
    }

    /** @return a stream whose bytes go out as output frames */
    Output output() {
        return new Output();
    }

    /**
     * A command's output, sent in frames. Gogo hands each write of a command on (through its pipe,
     * which passes no flush), and the session's stream flushes after each: a lone line, as a command
     * that streams prints one, goes out at once, while the lines that follow it within
     * {@value #LINGER_MICROS} µs wait and go together (a list of a thousand shims in a few frames, not
     * a thousand), the last of them sent by the linger thread if the command goes quiet, and all of
     * them by {@link #drain()} when it ends. Also sent whenever {@value #FRAME_BYTES} bytes wait.
     */
    final class Output extends ByteArrayOutputStream {

        private long lastSent;
        private boolean lingering;

        private Output() {
            super(FRAME_BYTES);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            super.write(b, off, len);
            if (count >= FRAME_BYTES) {
                sendQuietly();
            }
        }

        @Override
        public synchronized void write(int b) {
            super.write(b);
            if (count >= FRAME_BYTES) {
                sendQuietly();
            }
        }

        @Override
        public synchronized void flush() throws IOException {
            if (count == 0) {
                return;
            }
            if (System.nanoTime() - lastSent >= LINGER_MICROS * 1000) {
                send();
            } else if (!lingering) {
                lingering = true;
                try {
                    linger.schedule(this::lingered, LINGER_MICROS, TimeUnit.MICROSECONDS);
                } catch (RejectedExecutionException closing) {
                    lingering = false;
                    send();
                }
            }
        }

        /** Sends what waits: the command has ended. */
        synchronized void drain() throws IOException {
            if (count > 0) {
                send();
            }
        }

        private synchronized void lingered() {
            lingering = false;
            sendQuietly();
        }

        /** Where no exception can go: a client gone is found by the command's end, or by the probe. */
        private void sendQuietly() {
            try {
                drain();
            } catch (IOException gone) {
                reset();
            }
        }

        private void send() throws IOException {
            try {
                frame('o', buf, count);
            } finally {
                reset();
                lastSent = System.nanoTime();
            }
        }
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
        frame(kind, bytes, bytes.length);
    }

    private void frame(char kind, byte[] bytes, int length) throws IOException {
        writing.lock();
        try {
            byte[] header = (kind + " " + length + "\n").getBytes(StandardCharsets.US_ASCII);
            byte[] whole = Arrays.copyOf(header, header.length + length);
            System.arraycopy(bytes, 0, whole, header.length, length);
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
