package io.shimhost.console.internal;

import java.io.PrintStream;
import java.util.Optional;

import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Converter;

/** One Gogo command line as the launcher runs it, in a script or interactively: its result printed, its failure as one line. */
final class CommandLine {

    private CommandLine() {
    }

    /** A blank line or a {@code #} comment runs nothing. */
    static boolean isCommand(String line) {
        String stripped = line.strip();
        return !stripped.isEmpty() && !stripped.startsWith("#");
    }

    /** @return why it failed, in one line; empty when it succeeded */
    static Optional<String> run(CommandSession session, String line, PrintStream out) {
        try {
            Object result = session.execute(line);
            if (result != null) {
                out.println(session.format(result, Converter.INSPECT));
            }
            return Optional.empty();
        } catch (Exception e) {
            out.flush();
            return Optional.of(OneLine.of(e));
        }
    }
}
