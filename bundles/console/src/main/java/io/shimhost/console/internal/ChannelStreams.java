package io.shimhost.console.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.time.Duration;

/**
 * Output to a connected socket channel in non-blocking mode (it is registered with the control
 * socket's selector for reading): a write the client's buffer cannot take yet is retried, backing
 * off, and fails once the client has taken nothing for {@link #STALL_LIMIT}, so that a client that
 * stopped reading holds a worker for a bounded time and makes the daemon buffer nothing.
 */
final class ChannelStreams {

    /** How long a client may take no bytes at all before it is taken for gone. */
    static final Duration STALL_LIMIT = Duration.ofSeconds(30);

    private ChannelStreams() {
    }

    static OutputStream output(SocketChannel channel) {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                ByteBuffer bytes = ByteBuffer.wrap(b, off, len);
                long stalledSince = 0;
                long pause = 1;
                while (bytes.hasRemaining()) {
                    if (channel.write(bytes) > 0) {
                        stalledSince = 0;
                        pause = 1;
                        continue;
                    }
                    long now = System.nanoTime();
                    if (stalledSince == 0) {
                        stalledSince = now;
                    } else if (now - stalledSince > STALL_LIMIT.toNanos()) {
                        throw new IOException("the client took no output for " + STALL_LIMIT.toSeconds() + " s");
                    }
                    sleep(pause);
                    pause = Math.min(pause * 2, 50);
                }
            }
        };
    }

    private static void sleep(long millis) throws IOException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while the client took no output");
        }
    }
}
