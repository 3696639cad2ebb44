package io.shimhost.itests;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A daemon on a test's own home ({@code conf/}, {@code deploy/}) and state folders, as a node runs
 * it, driven through {@code ctl}; its output goes to {@code daemon.out} and {@code daemon.err}.
 */
final class NodeDaemon implements AutoCloseable {

    /** How long the daemon may take to answer: a bound, not a measure. */
    static final Duration PATIENCE = Duration.ofSeconds(60);

    private final Path dir;
    private final Path home;
    private final Path state;
    private Process process;
    /** Where {@code -Dshimhost.socket} put the socket, if given. */
    private Path socket;

    NodeDaemon(Path dir) throws IOException {
        this.dir = dir;
        this.home = Files.createDirectories(dir.resolve("home"));
        Files.createDirectories(home.resolve("conf"));
        Files.createDirectories(home.resolve("deploy"));
        this.state = dir.resolve("state");
    }

    Path home() {
        return home;
    }

    Path state() {
        return state;
    }

    Path socket() {
        return socket != null ? socket : state.resolve("shimhost.sock");
    }

    /** @return the running daemon's process */
    Process process() {
        return process;
    }

    /** Starts the daemon, with {@code kata} as the kataShim configuration if given; returns once it answers. */
    NodeDaemon start(String... kata) throws Exception {
        if (kata.length > 0) {
            Files.write(home.resolve("conf").resolve("io.shimhost.shim.kata.cfg"), List.of(kata));
        }
        return start(List.of());
    }

    /** Starts the daemon with JVM options (system properties, say) before {@code -jar}; returns once it answers. */
    NodeDaemon start(List<String> jvmOptions) throws Exception {
        List<String> command = new java.util.ArrayList<>(Launcher.javaCommand("-Dshimhost.home=" + home,
                "-Dshimhost.state=" + state));
        command.addAll(jvmOptions);
        jvmOptions.stream().filter(o -> o.startsWith("-Dshimhost.socket=")).findFirst()
                .ifPresent(o -> socket = Path.of(o.substring("-Dshimhost.socket=".length())));
        command.addAll(List.of("-jar", Launcher.jar().toAbsolutePath().toString(), "--daemon"));
        process = new ProcessBuilder(command).directory(dir.toFile())
                .redirectInput(new File("/dev/null")).redirectOutput(dir.resolve("daemon.out").toFile())
                .redirectError(dir.resolve("daemon.err").toFile()).start();
        Instant deadline = Instant.now().plus(PATIENCE);
        while (!answers()) {
            if (Instant.now().isAfter(deadline) || !process.isAlive()) {
                throw new AssertionError("The daemon did not answer within " + PATIENCE + ": "
                        + Files.readString(dir.resolve("daemon.err")));
            }
            Thread.sleep(50);
        }
        return this;
    }

    private boolean answers() {
        try {
            return Files.exists(socket()) && client("shim:types").status() == 0;
        } catch (Exception e) {
            return false;
        }
    }

    /** Runs {@code ctl ARGS} to its end and returns its output; fails on a failure, naming it. */
    String ctl(String... args) throws Exception {
        return client(args).output();
    }

    /** Starts {@code ctl ARGS}; it runs on its own. */
    CtlClient.Ctl client(String... args) throws Exception {
        return CtlClient.ctl(dir, socket(), args);
    }

    /** Kills the daemon as a crash would (SIGKILL). */
    void crash() throws InterruptedException {
        process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null) {
            process.destroy();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }
}
