package io.shimhost.console.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Job;

/**
 * One control connection's Gogo session: its command lines run one after the other, each answered
 * in frames. Its input is read while a command runs, so that its end is noticed at once: the
 * session ends once the running command has. A client that only shut its sending side still gets
 * the whole answer; one that is gone altogether makes the empty frames sent to it fail, and then
 * the running command (such as {@code shim:events}, which runs until then) is interrupted.
 */
final class ControlSession {

    /** How soon a client gone during a command is noticed: a person's Ctrl-C, not a program's. */
    private static final long PROBE_PERIOD_MILLIS = 200;

    private final CommandSession session;
    private final PrintStream out;
    private final ControlFrames frames;
    private final BlockingQueue<Optional<String>> lines = new LinkedBlockingQueue<>();
    private volatile boolean finished;
    private volatile boolean clientGone;

    ControlSession(CommandSession session, PrintStream out, ControlFrames frames) {
        this.session = session;
        this.out = out;
        this.frames = frames;
    }

    /** Runs the client's commands until its input ends, or it is gone. */
    void serve(InputStream in) throws IOException, InterruptedException {
        Thread reader = new Thread(() -> read(in), Thread.currentThread().getName() + "-in");
        reader.setDaemon(true);
        reader.start();
        try {
            for (Optional<String> line = lines.take(); line.isPresent() && !clientGone; line = lines.take()) {
                run(line.get());
            }
        } finally {
            finished = true;
        }
    }

    private void run(String line) throws IOException {
        frames.answering();
        Optional<String> failure = CommandLine.isCommand(line) ? CommandLine.run(session, line, out) : Optional.empty();
        out.flush();
        if (failure.isPresent()) {
            frames.failed(failure.get());
        } else {
            frames.succeeded();
        }
    }

    private void read(InputStream in) {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        try {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lines.add(Optional.of(line));
            }
        } catch (IOException e) {
            // the connection is closed: as the end of input
        }
        lines.add(Optional.empty());
        watch();
    }

    /** After the end of the input, until the session ends: is the client still reading? */
    private void watch() {
        try {
            while (!finished) {
                if (clientGone) {
                    Job running = session.foregroundJob();
                    if (running != null) {
                        running.interrupt();
                    }
                } else {
                    try {
                        frames.probe();
                    } catch (IOException e) {
                        clientGone = true;
                        continue;
                    }
                }
                Thread.sleep(PROBE_PERIOD_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
