package io.shimhost.ctl;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * {@code java -jar shimhost.jar ctl [-s SOCKET] [-f FILE | COMMAND [ARGS...]]}: runs one command,
 * a script, or (without either) an interactive session in the daemon of the state folder, and exits
 * like script mode: 0 when every command succeeded, 1 at the first failure (its one line on stderr)
 * or when no daemon listens.
 */
final class Ctl {

    static final String USAGE = "usage: java -jar shimhost.jar ctl [-s SOCKET] [-f FILE | COMMAND [ARGS...]]\n"
            + "  -s SOCKET  the daemon's control socket (default: shimhost.sock in the state folder)\n"
            + "  -f FILE    run the commands in FILE, one per line; stop at the first failure\n"
            + "  without COMMAND or FILE, an interactive session reads commands from stdin";

    private Ctl() {
    }

    static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        Path socket = null;
        Path script = null;
        int i = 0;
        for (; i < args.length && args[i].startsWith("-"); i++) {
            if (args[i].equals("-s") && i + 1 < args.length) {
                socket = Path.of(args[++i]);
            } else if (args[i].equals("-f") && i + 1 < args.length) {
                script = Path.of(args[++i]);
            } else if (args[i].equals("-h") || args[i].equals("--help")) {
                out.println(USAGE);
                return 0;
            } else {
                err.println("shimhost ctl: unknown option " + args[i] + "\n" + USAGE);
                return 2;
            }
        }
        Path target = socket != null ? socket : DefaultSocket.path();
        try (ControlConnection connection = ControlConnection.open(target)) {
            if (script != null) {
                return runScript(connection, script, out, err);
            }
            if (i < args.length) {
                String line = GogoLine.join(List.of(args).subList(i, args.length));
                return connection.run(line, out).map(failure -> fail(err, failure)).orElse(0);
            }
            return System.console() != null ? new TerminalSession(target, connection).run(err)
                    : interactive(connection, in, out, err);
        } catch (ControlConnection.NoDaemon e) {
            err.println("shimhost ctl: no daemon listens on " + target + " (" + e.getMessage() + "): start one with "
                    + "java -jar shimhost.jar --daemon, or name its socket with -s");
            return 1;
        } catch (IOException e) {
            err.println("shimhost ctl: the daemon on " + target + " went away: " + e.getMessage());
            return 1;
        }
    }

    private static int fail(PrintStream err, String failure) {
        err.println(failure);
        return 1;
    }

    private static int runScript(ControlConnection connection, Path script, PrintStream out, PrintStream err)
            throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(script, StandardCharsets.UTF_8);
        } catch (IOException e) {
            err.println("shimhost ctl: cannot read script " + script + ": " + e.getMessage());
            return 1;
        }
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            Optional<String> failure = connection.run(line, out);
            if (failure.isPresent()) {
                err.println(script + ":" + (n + 1) + ": " + GogoLine.shown(line) + ": " + failure.get());
                return 1;
            }
        }
        return 0;
    }

    private static int interactive(ControlConnection connection, InputStream in, PrintStream out, PrintStream err)
            throws IOException {
        BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        for (String line = lines.readLine(); line != null && !ends(line); line = lines.readLine()) {
            if (!line.isBlank() && !line.strip().startsWith("#")) {
                connection.run(line, out).ifPresent(err::println);
            }
        }
        return 0;
    }

    /** {@code exit} (or {@code quit}) ends a session, like the end of its input (Ctrl-D). */
    static boolean ends(String line) {
        String command = line.strip();
        return command.equals("exit") || command.equals("quit");
    }

}
