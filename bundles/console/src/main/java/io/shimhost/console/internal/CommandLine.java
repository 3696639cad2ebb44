package io.shimhost.console.internal;

import java.io.PrintStream;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.apache.felix.service.command.CommandSession;
import org.apache.felix.gogo.runtime.CommandNotFoundException;
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
        } catch (CommandNotFoundException e) {
            out.flush();
            return Optional.of(unknown(session, e.getCommand()));
        } catch (InterruptedException e) {
            out.flush();
            return Optional.of("interrupted");
        } catch (Exception e) {
            out.flush();
            return Optional.of(OneLine.of(e));
        }
    }

    /** One line: the command that does not exist, and the closest that do. */
    @SuppressWarnings("unchecked")
    private static String unknown(CommandSession session, String command) {
        Object commands = session.get(".commands");
        List<String> closest = commands instanceof Collection<?> known
                ? CommandNames.closest(command, (Collection<String>) known) : List.of();
        return "unknown command " + OneLine.bounded(command)
                + (closest.isEmpty() ? "; see help" : "; did you mean " + String.join(", ", closest) + "?");
    }
}
