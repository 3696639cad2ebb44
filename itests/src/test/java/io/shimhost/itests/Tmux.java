package io.shimhost.itests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * A program in a real terminal: a tmux server of the test's own (its socket in the test's folder),
 * one window of 160x48 running a shell command; keys are sent as tmux send-keys names them
 * ({@code Tab}, {@code Up}, {@code C-c}, {@code Enter}) and the screen is read with capture-pane.
 */
final class Tmux implements AutoCloseable {

    /** How long a screen may take to show what is awaited: a bound, not a measure. */
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private final Path socket;

    private Tmux(Path socket) {
        this.socket = socket;
    }

    static boolean installed() {
        return Files.isExecutable(Path.of("/usr/bin/tmux"));
    }

    /**
     * Starts {@code command} (run by sh in {@code dir}) in a new tmux server of its own, on a socket of its own:
     * a server just told to end (a test's earlier terminal) may still hold its socket for a moment, and a
     * new session asked of it fails.
     */
    static Tmux start(Path dir, String command) throws Exception {
        Tmux tmux = new Tmux(Files.createTempFile(dir, "tmux", ".sock"));
        Files.delete(tmux.socket);
        tmux.tmux("new-session", "-d", "-s", "t", "-x", "160", "-y", "48", "cd " + dir + " && " + command
                + "; echo PROGRAM-ENDED-$?; sleep 600");
        return tmux;
    }

    /** Sends keys: literal text, or tmux key names such as {@code Tab} and {@code C-c}. */
    Tmux keys(String... keys) throws Exception {
        List<String> args = new ArrayList<>(List.of("send-keys", "-t", "t"));
        args.addAll(List.of(keys));
        tmux(args.toArray(String[]::new));
        return this;
    }

    /** Sends text as it is, not as key names. */
    Tmux type(String text) throws Exception {
        tmux("send-keys", "-t", "t", "-l", text);
        return this;
    }

    String screen() throws Exception {
        return tmux("capture-pane", "-t", "t", "-p");
    }

    /** Waits until the screen satisfies {@code condition}, and returns it. */
    String await(String what, Predicate<String> condition) throws Exception {
        Instant deadline = Instant.now().plus(PATIENCE);
        String screen = screen();
        while (!condition.test(screen)) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("Not within " + PATIENCE + ": " + what + "; the screen:\n" + screen);
            }
            Thread.sleep(100);
            screen = screen();
        }
        return screen;
    }

    /** The last line of the screen that starts with {@code prompt}. */
    static String lastLine(String screen, String prompt) {
        List<String> lines = screen.lines().filter(l -> l.startsWith(prompt)).toList();
        return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
    }

    private String tmux(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("tmux", "-S", socket.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + out);
        }
        return out;
    }

    /** Ends the terminal and waits until what ran in it has ended (a launcher stops its framework on SIGHUP). */
    @Override
    public void close() throws Exception {
        long pane = Long.parseLong(tmux("list-panes", "-t", "t", "-F", "#{pane_pid}").strip());
        List<ProcessHandle> programs = ProcessHandle.of(pane).map(p -> p.descendants().toList()).orElse(List.of());
        tmux("kill-server");
        for (ProcessHandle program : programs) {
            program.onExit().get(PATIENCE.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
        }
    }
}
