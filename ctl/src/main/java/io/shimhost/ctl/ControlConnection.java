package io.shimhost.ctl;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A connection to a daemon's control socket: sends one command line at a time and reads back its
 * frames ({@code o LENGTH} output, {@code e LENGTH} the one-line error, {@code = STATUS}), writing
 * output as it arrives.
 */
final class ControlConnection implements AutoCloseable {

    /** Nothing listens on the socket. */
    static final class NoDaemon extends IOException {
        private static final long serialVersionUID = 1L;

        NoDaemon(String message) {
            super(message);
        }
    }

    private final SocketChannel channel;
    private final InputStream in;
    private final OutputStream out;

    private ControlConnection(SocketChannel channel) {
        this.channel = channel;
        this.in = new BufferedInputStream(Channels.newInputStream(channel));
        this.out = Channels.newOutputStream(channel);
    }

    static ControlConnection open(Path socket) throws NoDaemon {
        try {
            SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
            try {
                channel.connect(UnixDomainSocketAddress.of(socket));
            } catch (IOException e) {
                channel.close();
                throw e;
            }
            return new ControlConnection(channel);
        } catch (IOException e) {
            throw new NoDaemon(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
    }

    /** Runs one command line; its output goes to {@code output}; returns its one-line failure, if any. */
    Optional<String> run(String line, PrintStream output) throws IOException {
        try {
            out.write((line.replace('\n', ' ') + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            // the daemon may have answered (a refusal) and closed before the line was sent: read that answer
        }
        String failure = null;
        while (true) {
            String header = header();
            char kind = header.charAt(0);
            String value = header.substring(2);
            switch (kind) {
                case 'o' -> {
                    output.write(body(Integer.parseInt(value)));
                    output.flush();
                }
                case 'e' -> failure = new String(body(Integer.parseInt(value)), StandardCharsets.UTF_8);
                case '=' -> {
                    return value.equals("0") ? Optional.empty() : Optional.of(failure == null ? "failed" : failure);
                }
                default -> throw new IOException("unexpected frame \"" + header + "\"");
            }
        }
    }

    private String header() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new EOFException("the connection was closed");
            }
            line.write(b);
        }
        String header = line.toString(StandardCharsets.US_ASCII);
        if (header.length() < 3 || header.charAt(1) != ' ') {
            throw new IOException("unexpected frame \"" + header + "\"");
        }
        return header;
    }

    private byte[] body(int length) throws IOException {
        byte[] body = in.readNBytes(length);
        if (body.length < length) {
            throw new EOFException("the connection was closed");
        }
        return body;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
