package io.shimhost.console.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Job;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

import io.shimhost.ctl.terminal.ShimLineReader;

/**
 * The launcher's interactive shell on a terminal, with JLine: line editing, history kept in the
 * state folder across runs, and TAB completion from {@code shim:complete}. Ctrl-C at the prompt
 * clears the line; while a command runs it interrupts that command (the framework keeps running);
 * Ctrl-D on an empty line ends the shell.
 */
final class TerminalShell {

    static final String HISTORY = "history";

    private final CommandSession session;
    private final CommandSession completion;
    private final ByteArrayOutputStream completed;
    private final Path history;

    /**
     * @param session the operator's session
     * @param completion a session of its own whose output goes to {@code completed}, for
     *        {@code shim:complete}
     */
    TerminalShell(CommandSession session, CommandSession completion, ByteArrayOutputStream completed, Path stateFolder) {
        this.session = session;
        this.completion = completion;
        this.completed = completed;
        this.history = stateFolder.resolve(HISTORY);
    }

    void run(PrintStream err) throws IOException {
        try (Terminal terminal = systemTerminal()) {
            LineReader reader = ShimLineReader.of(terminal, this::completions, history);
            terminal.handle(Terminal.Signal.INT, signal -> interrupt());
            PrintStream out = new PrintStream(terminal.output(), true, terminal.encoding());
            while (true) {
                String line;
                try {
                    line = reader.readLine(InteractiveShell.PROMPT);
                } catch (UserInterruptException e) {
                    continue;
                } catch (EndOfFileException e) {
                    return;
                }
                if (CommandLine.isCommand(line)) {
                    CommandLine.run(session, line, out).ifPresent(err::println);
                }
            }
        }
    }

    /** JLine finds its terminal providers through the context class loader: it is JLine's own here. */
    private static Terminal systemTerminal() throws IOException {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(TerminalBuilder.class.getClassLoader());
        try {
            return TerminalBuilder.builder().system(true).name("shimhost").build();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private synchronized String completions(String line) throws Exception {
        completed.reset();
        completion.execute(line);
        return completed.toString(StandardCharsets.UTF_8);
    }

    private void interrupt() {
        Job running = session.foregroundJob();
        if (running != null) {
            running.interrupt();
        }
    }
}
