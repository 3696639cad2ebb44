package io.shimhost.console.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.apache.felix.service.command.CommandSession;

/**
 * The launcher's interactive shell: reads Gogo command lines as UTF-8 until its input ends, runs
 * each, prints its result, and a failure as one line on stderr, as a script does, then goes on.
 * Gogo's own console reads its input byte by byte as characters, which turned {@code ü} into
 * {@code Ã¼}.
 */
final class InteractiveShell {

    static final String PROMPT = "g! ";

    private final CommandSession session;
    private final PrintStream out;
    private final PrintStream err;

    InteractiveShell(CommandSession session, PrintStream out, PrintStream err) {
        this.session = session;
        this.out = out;
        this.err = err;
    }

    void run(InputStream in) throws IOException {
        BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        while (true) {
            out.print(PROMPT);
            out.flush();
            String line = lines.readLine();
            if (line == null) {
                out.println();
                return;
            }
            if (CommandLine.isCommand(line)) {
                CommandLine.run(session, line, out).ifPresent(err::println);
            }
        }
    }
}
