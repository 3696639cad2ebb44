package io.shimhost.console.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.concurrent.ScheduledExecutorService;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Job;

/**
 * One control connection. Its input is read by the control socket's selector thread as it comes,
 * split into lines of at most {@link ControlLimits#lineBytes()} bytes (a longer one is refused in
 * one line and the connection closed: it is read no further); an idle connection has no thread of
 * its own. Its lines run one after the other, on a worker of the socket's bounded pool, in a Gogo
 * session of its own, each answered in frames ({@link ControlFrames}). At most
 * {@value #MAX_PENDING} lines wait; past that its input is not read until they have run. The
 * session ends once the input has ended and its last command has; a client gone altogether is
 * noticed by {@link #probe()}, and its running command (such as {@code shim:events}) interrupted.
 */
final class ControlClient {

    /** Lines read ahead of the one running. */
    static final int MAX_PENDING = 16;

    private final SocketChannel channel;
    private final CommandProcessor processor;
    private final ControlLimits limits;
    private final ControlFrames frames;
    private final ControlFrames.Output output;
    private final PrintStream out;
    private final ByteBuffer buffer = ByteBuffer.allocate(8192);
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(256);
    private final Deque<String> pending = new ArrayDeque<>();
    /** Made by the first command, on a worker; used by one worker at a time. */
    private CommandSession session;
    private boolean inputEnded;
    private boolean draining;
    private volatile boolean gone;
    private volatile boolean closed;

    /**
     * @param linger sends what a command that went quiet left waiting (see {@link ControlFrames.Output})
     */
    ControlClient(SocketChannel channel, CommandProcessor processor, ControlLimits limits,
            ScheduledExecutorService linger) {
        this.channel = channel;
        this.processor = processor;
        this.limits = limits;
        this.frames = new ControlFrames(ChannelStreams.output(channel), linger);
        this.output = frames.output();
        this.out = new PrintStream(output, true, StandardCharsets.UTF_8);
    }

    SocketChannel channel() {
        return channel;
    }

    /** What the selector thread does next with this connection, once it has read what came. */
    enum Next {
        /** Keep reading; nothing to run yet, or a worker is on it. */
        READ,
        /** Keep reading, and start a worker on it. */
        READ_AND_DRAIN,
        /** Stop reading (enough is waiting, or the input ended); a worker is on it. */
        PAUSE,
        /** Stop reading and start a worker on it. */
        PAUSE_AND_DRAIN,
        /** A line was too long: answered, and the connection closed. */
        CLOSED
    }

    /** Reads what the client sent, on the selector thread; never blocks. */
    Next read() {
        int read;
        try {
            buffer.clear();
            read = channel.read(buffer);
        } catch (IOException e) {
            read = -1; // reset by the client: as the end of its input
        }
        synchronized (this) {
            if (read < 0) {
                inputEnded = true;
            }
            buffer.flip();
            while (buffer.hasRemaining()) {
                byte b = buffer.get();
                if (b == '\n') {
                    pending.add(line.toString(StandardCharsets.UTF_8));
                    line.reset();
                } else if (line.size() >= limits.lineBytes()) {
                    refuseLongLine();
                    return Next.CLOSED;
                } else {
                    line.write(b);
                }
            }
            boolean pause = inputEnded || pending.size() >= MAX_PENDING;
            boolean drain = !draining && (inputEnded || !pending.isEmpty());
            draining |= drain;
            return pause ? (drain ? Next.PAUSE_AND_DRAIN : Next.PAUSE) : (drain ? Next.READ_AND_DRAIN : Next.READ);
        }
    }

    /** Refused in one line, without reading further: whatever else it sent is never looked at. */
    private void refuseLongLine() {
        refuse("line longer than " + limits.lineBytes() + " bytes refused (" + ControlLimits.LINE_PROPERTY
                + "); nothing of it was run");
    }

    /** Answers the client's next line with a failure, without waiting on it, and closes the connection. */
    void refuse(String reason) {
        try {
            channel.write(ByteBuffer.wrap(("e " + reason.getBytes(StandardCharsets.UTF_8).length + "\n" + reason
                    + "= 1\n").getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            // gone already
        }
        close();
    }

    /**
     * Runs the waiting lines on a worker until none is left; closes the connection when its input
     * has ended too.
     *
     * @param resume asks the selector thread to read this client again
     */
    void drain(Runnable resume) {
        while (true) {
            String next;
            boolean resumeReading;
            synchronized (this) {
                next = gone ? null : pending.poll();
                if (next == null) {
                    draining = false;
                    if (inputEnded || gone) {
                        close();
                    }
                    return;
                }
                resumeReading = !inputEnded && pending.size() == MAX_PENDING - 1;
            }
            if (resumeReading) {
                resume.run();
            }
            try {
                run(next);
            } catch (IOException e) {
                gone = true;
            }
        }
    }

    private void run(String line) throws IOException {
        if (session == null) {
            session = Sessions.open(processor, InputStream.nullInputStream(), out, out);
        }
        frames.answering();
        Optional<String> failure = CommandLine.isCommand(line) ? CommandLine.run(session, line, out) : Optional.empty();
        out.flush();
        output.drain();
        if (failure.isPresent()) {
            frames.failed(failure.get());
        } else {
            frames.succeeded();
        }
    }

    /**
     * Called now and then while the connection is open: once the input has ended, a command that
     * still runs has an empty frame sent for it, which fails once the client is gone; its command is
     * then interrupted.
     */
    void probe() {
        boolean ended;
        synchronized (this) {
            ended = inputEnded && draining;
        }
        if (!ended || closed) {
            return;
        }
        if (!gone) {
            try {
                frames.probe();
                return;
            } catch (IOException e) {
                gone = true;
            }
        }
        CommandSession running = session;
        Job job = running == null ? null : running.foregroundJob();
        if (job != null) {
            job.interrupt();
        }
    }

    boolean closed() {
        return closed;
    }

    /** Ends the connection and its session. */
    void close() {
        closed = true;
        try {
            channel.close();
        } catch (IOException e) {
            // closing anyway
        }
        CommandSession ended = session;
        if (ended != null) {
            ended.close();
        }
    }
}
