package io.shimhost.ctl;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;

import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

import io.shimhost.ctl.terminal.ShimLineReader;

/**
 * {@code ctl}'s interactive session on a terminal: JLine line editing, history in
 * {@code ~/.shimhost_history}, TAB completion from the daemon's {@code shim:complete}. Ctrl-C at
 * the prompt clears the line; while a command runs it ends that command (the connection is closed,
 * which interrupts the command in the daemon, and a new one is opened); Ctrl-D ends the session.
 */
final class TerminalSession {

    static final String PROMPT = "shimhost> ";

    private final Path socket;
    private volatile ControlConnection connection;
    private volatile boolean running;
    private volatile boolean interrupted;

    TerminalSession(Path socket, ControlConnection connection) {
        this.socket = socket;
        this.connection = connection;
    }

    int run(PrintStream err) throws IOException {
        Path history = Path.of(System.getProperty("user.home"), ".shimhost_history");
        try (Terminal terminal = TerminalBuilder.builder().system(true).name("shimhost").build()) {
            LineReader reader = ShimLineReader.of(terminal, this::completions, history);
            terminal.handle(Terminal.Signal.INT, signal -> interrupt());
            PrintStream out = new PrintStream(terminal.output(), true, StandardCharsets.UTF_8);
            while (true) {
                String line;
                try {
                    line = reader.readLine(PROMPT);
                } catch (UserInterruptException e) {
                    continue;
                } catch (EndOfFileException e) {
                    return 0;
                }
                if (Ctl.ends(line)) {
                    return 0;
                }
                if (!line.isBlank() && !line.strip().startsWith("#")) {
                    command(line, out).ifPresent(err::println);
                }
            }
        } finally {
            connection.close();
        }
    }

    /** A command ended by Ctrl-C costs its connection: the next one is opened for what follows. */
    private Optional<String> command(String line, PrintStream out) throws IOException {
        running = true;
        try {
            return connection.run(line, out);
        } catch (IOException e) {
            if (!interrupted) {
                throw e;
            }
            out.println();
            connection = ControlConnection.open(socket);
            return Optional.empty();
        } finally {
            running = false;
            interrupted = false;
        }
    }

    private void interrupt() {
        if (running) {
            interrupted = true;
            try {
                connection.close();
            } catch (IOException e) {
                // closed already
            }
        }
    }

    private String completions(String line) throws IOException {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        connection.run(line, new PrintStream(printed, true, StandardCharsets.UTF_8));
        return printed.toString(StandardCharsets.UTF_8);
    }
}
