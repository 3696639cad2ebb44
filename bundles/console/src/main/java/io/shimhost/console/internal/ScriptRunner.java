package io.shimhost.console.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.apache.felix.service.command.CommandSession;

import io.shimhost.api.Identifiers;

/**
 * Runs a file of Gogo commands, one line after another, printing each result, and stops at the
 * first command that fails with one line on stderr: {@code FILE:LINE: COMMAND: MESSAGE}. Blank
 * lines and lines starting with {@code #} are skipped.
 */
final class ScriptRunner {

    /** Exit status when every command succeeded. */
    static final int SUCCESS = 0;
    /** Exit status when a command failed or the script could not be read. */
    static final int FAILURE = 1;
    /** A failing line is echoed, escaped, up to this many characters. */
    private static final int SHOWN_COMMAND = 200;

    private final CommandSession session;
    private final PrintStream out;
    private final PrintStream err;

    ScriptRunner(CommandSession session, PrintStream out, PrintStream err) {
        this.session = session;
        this.out = out;
        this.err = err;
    }

    int run(Path script) {
        List<String> lines;
        try {
            lines = Files.readAllLines(script, StandardCharsets.UTF_8);
        } catch (IOException e) {
            err.println("shimhost: cannot read script " + script + ": " + OneLine.of(e));
            return FAILURE;
        }
        for (int n = 0; n < lines.size(); n++) {
            String command = lines.get(n).strip();
            if (!CommandLine.isCommand(command)) {
                continue;
            }
            Optional<String> failure = CommandLine.run(session, command, out);
            if (failure.isPresent()) {
                err.println(script + ":" + (n + 1) + ": " + Identifiers.shown(command, SHOWN_COMMAND) + ": "
                        + failure.get());
                return FAILURE;
            }
        }
        out.flush();
        return SUCCESS;
    }
}
