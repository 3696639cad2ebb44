package io.shimhost.itests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Apache Karaf, unpacked by the build (failsafe property {@code shimhost.karaf.home}),
 * copied into a test's folder so every run starts fresh, with our bundles and features in its
 * system/ repository, run as {@code bin/karaf server} and driven through {@code bin/client} as an
 * operator would. Its SSH, RMI and shutdown ports are free ports of the moment.
 */
final class Karaf implements AutoCloseable {

    private static final long LIMIT_SECONDS = 120;

    private final Path home;
    private final int sshPort;
    private Process server;

    private Karaf(Path home, int sshPort) {
        this.home = home;
        this.sshPort = sshPort;
    }

    /** Copies the distribution and our repository into {@code dir/karaf} and configures it. */
    static Karaf prepare(Path dir) throws IOException {
        Path home = dir.resolve("karaf");
        copyTree(Path.of(property("shimhost.karaf.home")), home);
        copyTree(Path.of(property("shimhost.karaf.repository")), home.resolve("system"));
        int ssh = freePort();
        // an operator's account for bin/client (the distribution ships with none)
        // and one who may look but not act (Karaf's viewer role)
        Files.writeString(home.resolve("etc/users.properties"), "\nkaraf = karaf,_g_:admingroup\n"
                + "_g_\\:admingroup = group,admin,manager,viewer,systembundles,ssh\n"
                + "watcher = watcher,_g_:viewergroup\n_g_\\:viewergroup = group,viewer,ssh\n", StandardOpenOption.APPEND);
        replace(home.resolve("etc/org.apache.karaf.shell.cfg"), "sshPort = 8101", "sshPort = " + ssh);
        replace(home.resolve("etc/org.apache.karaf.management.cfg"), "rmiRegistryPort = 1099",
                "rmiRegistryPort = " + freePort());
        replace(home.resolve("etc/org.apache.karaf.management.cfg"), "rmiServerPort = 44444",
                "rmiServerPort = " + freePort());
        // the metrics are served by the JDK's HTTP server, whose package Karaf does not export by default
        replace(home.resolve("etc/config.properties"), "org.osgi.framework.system.packages.extra = \\\n",
                "org.osgi.framework.system.packages.extra = \\\n    com.sun.net.httpserver, \\\n");
        return new Karaf(home, ssh);
    }

    /** A free port, for what a test configures Karaf to serve. */
    static int port() throws IOException {
        return freePort();
    }

    static String version() {
        return property("shimhost.version");
    }

    Path home() {
        return home;
    }

    /** The pid of Karaf's JVM: bin/karaf's own, or that of the java it started. */
    long javaPid() {
        ProcessHandle script = server.toHandle();
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(script), script.descendants())
                .filter(h -> h.info().command().map(c -> c.endsWith("/java")).orElse(false)).findFirst()
                .map(ProcessHandle::pid).orElse(script.pid());
    }

    Path etc(String file) {
        return home.resolve("etc").resolve(file);
    }

    String log() throws IOException {
        return Files.readString(home.resolve("data/log/karaf.log"));
    }

    void start() throws IOException {
        server = new ProcessBuilder("bash", "bin/karaf", "server").directory(home.toFile())
                .redirectOutput(home.resolve("server.out").toFile()).redirectErrorStream(true)
                .start();
        server.getOutputStream().close();
    }

    /**
     * Runs console commands, one per line, through {@code bin/client} in batch mode, retrying the
     * connection until the console is up, and returns what they printed.
     */
    String console(String... commands) throws IOException, InterruptedException {
        return consoleAs("karaf", commands);
    }

    /** {@link #console} as {@code user}, whose password is its name. */
    String consoleAs(String user, String... commands) throws IOException, InterruptedException {
        Path batch = Files.write(Files.createTempFile(home, "batch", ".txt"), List.of(commands));
        Process client = new ProcessBuilder("bash", "bin/client", "-u", user, "-p", user, "-a",
                Integer.toString(sshPort), "-r", "90", "-d", "1", "-b").directory(home.toFile())
                .redirectInput(batch.toFile()).redirectErrorStream(true).start();
        String out = new String(client.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!client.waitFor(LIMIT_SECONDS, TimeUnit.SECONDS)) {
            client.destroyForcibly();
            throw new AssertionError("bin/client still running after " + LIMIT_SECONDS + " s: " + out);
        }
        return out;
    }

    /** The command line of an interactive bin/client as the operator, for a terminal. */
    String clientCommand() {
        return "bash " + home.resolve("bin/client") + " -u karaf -p karaf -a " + sshPort + " -r 90 -d 1";
    }

    /** Stops Karaf with bin/stop and waits; kills what is left after the limit. */
    @Override
    public void close() throws IOException, InterruptedException {
        if (server == null) {
            return;
        }
        new ProcessBuilder("bash", "bin/stop").directory(home.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(LIMIT_SECONDS, TimeUnit.SECONDS);
        if (!server.waitFor(LIMIT_SECONDS, TimeUnit.SECONDS)) {
            server.descendants().forEach(ProcessHandle::destroyForcibly);
            server.destroyForcibly();
            server.waitFor();
        }
        server = null;
    }

    private static String property(String name) {
        String value = System.getProperty(name);
        if (value == null) {
            throw new IllegalStateException("No " + name + ": run the tests through Maven (mvn verify)");
        }
        return value;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void replace(Path file, String from, String to) throws IOException {
        String text = Files.readString(file);
        if (!text.contains(from)) {
            throw new IllegalStateException(file + " has no line \"" + from + "\"");
        }
        Files.writeString(file, text.replace(from, to));
    }

    private static void copyTree(Path from, Path to) throws IOException {
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(from)) {
            paths = new ArrayList<>(walk.toList());
        }
        for (Path source : paths) {
            Path target = to.resolve(from.relativize(source).toString());
            try {
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("copying " + source, e);
            }
        }
    }
}
