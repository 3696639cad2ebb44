package io.shimhost.itests;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the executable jar the reactor built, as an operator would: {@code java -jar shimhost.jar
 * [ARGS]}, with stdout and stderr captured to files, and the shim table in the working folder.
 */
final class Launcher implements AutoCloseable {

    private static final long LIMIT_SECONDS = 60;

    private final Process process;
    private final Path out;
    private final Path err;

    private Launcher(Process process, Path out, Path err) {
        this.process = process;
        this.out = out;
        this.err = err;
    }

    static Path jar() {
        Path jar = Path.of(System.getProperty("shimhost.launcher", "../run/target/shimhost.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("No launcher at " + jar + ": run the tests through Maven (mvn verify)");
        }
        return jar;
    }

    /** The configuration files the launcher ships, run/conf beside run/target. */
    static Path conf() {
        return jar().toAbsolutePath().getParent().resolveSibling("conf");
    }

    /**
     * The JVM that runs the tests, with what the start script gives a run that boots the framework:
     * from JDK 23, {@code --sun-misc-unsafe-memory-access=allow} (else the JVM prints a notice on
     * stderr when Felix reads a field through {@code sun.misc.Unsafe}), then {@code more}.
     */
    static List<String> javaCommand(String... more) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        if (Runtime.version().feature() >= 23) {
            command.add("--sun-misc-unsafe-memory-access=allow");
        }
        command.addAll(List.of(more));
        return command;
    }

    /** Starts the launcher; {@code jvmOptions} go before {@code -jar}. */
    static Launcher start(Path workDir, List<String> jvmOptions, String... args) throws IOException {
        return start(workDir, jvmOptions, Map.of(), args);
    }

    /** Starts the launcher with extra environment variables (the shims it starts inherit them). */
    static Launcher start(Path workDir, List<String> jvmOptions, Map<String, String> env, String... args)
            throws IOException {
        List<String> command = new ArrayList<>(javaCommand());
        command.addAll(jvmOptions);
        if (jvmOptions.stream().noneMatch(o -> o.startsWith("-Dshimhost.home=") || o.startsWith("-Dshimhost.state="))) {
            // each test's shims in a table of its own, not in the shared one next to the jar
            command.add("-Dshimhost.state=" + workDir.toAbsolutePath().resolve("state"));
        }
        command.add("-jar");
        command.add(jar().toAbsolutePath().toString());
        command.addAll(List.of(args));
        Path out = workDir.resolve("stdout.txt");
        Path err = workDir.resolve("stderr.txt");
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().putAll(env);
        Process process = builder.start();
        return new Launcher(process, out, err);
    }

    /** Runs a script of Gogo commands to the end. */
    static Launcher runScript(Path workDir, String... lines) throws IOException, InterruptedException {
        Path script = Files.write(workDir.resolve("script.gogo"), List.of(lines));
        Launcher launcher = start(workDir, List.of(), script.toString());
        launcher.awaitExit();
        return launcher;
    }

    Process process() {
        return process;
    }

    int awaitExit() throws InterruptedException {
        if (!process.waitFor(LIMIT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("launcher still running after " + LIMIT_SECONDS + " s; stderr: " + stderr());
        }
        return process.exitValue();
    }

    String stdout() {
        return read(out.toFile());
    }

    String stderr() {
        return read(err.toFile());
    }

    private static String read(File file) {
        try {
            return Files.readString(file.toPath(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "<unreadable: " + e + ">";
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(LIMIT_SECONDS, TimeUnit.SECONDS);
        }
    }
}
