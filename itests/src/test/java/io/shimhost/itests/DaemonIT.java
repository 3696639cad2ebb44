package io.shimhost.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.shimhost.core.internal.LibC;
import io.shimhost.core.internal.UnixDatagram;

import jnr.ffi.LibraryLoader;

/**
 * The launcher as a service, black-box: {@code --daemon} reads no input, tells a test-owned
 * {@code $NOTIFY_SOCKET} (as systemd would own it) READY=1 and STOPPING=1, ends with 143 on
 * SIGTERM; the systemd unit in dist/ passes {@code systemd-analyze verify}.
 */
class DaemonIT {

    private static final LibC LIBC = LibraryLoader.create(LibC.class).load("c");

    @TempDir
    Path dir;

    private final ExecutorService receiver = Executors.newSingleThreadExecutor();
    private int socket = -1;

    @BeforeEach
    void notifySocket() {
        socket = new UnixDatagram(LIBC).bind(dir.resolve("notify").toString());
        assertThat(socket).as("notify socket bound").isPositive();
    }

    @AfterEach
    void close() {
        LIBC.close(socket);
        receiver.shutdownNow();
    }

    private Future<String> nextNotification() {
        return receiver.submit(() -> new UnixDatagram(LIBC).receive(socket));
    }

    private Process daemon(Path state) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dshimhost.state=" + state, "-jar", Launcher.jar().toAbsolutePath().toString(), "--daemon"));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
                .redirectInput(new File("/dev/null"))
                .redirectOutput(dir.resolve("daemon.out").toFile()).redirectError(dir.resolve("daemon.err").toFile());
        builder.environment().put("NOTIFY_SOCKET", dir.resolve("notify").toString());
        return builder.start();
    }

    private String stderr() throws Exception {
        return Files.readString(dir.resolve("daemon.err"), StandardCharsets.UTF_8);
    }

    @Test
    void theDaemonTellsTheServiceManagerItIsReadyAndStoppingAndEnds143OnSigterm() throws Exception {
        Future<String> ready = nextNotification();
        Process daemon = daemon(dir.resolve("state"));
        try {
            assertThat(ready.get(30, TimeUnit.SECONDS)).isEqualTo("READY=1\nSTATUS=0 shims running");
            Thread.sleep(500);
            assertThat(daemon.isAlive()).as("stdin at its end does not stop a daemon").isTrue();

            Future<String> stopping = nextNotification();
            daemon.destroy(); // SIGTERM

            assertThat(stopping.get(30, TimeUnit.SECONDS)).isEqualTo("STOPPING=1");
            assertThat(daemon.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(daemon.exitValue()).as(stderr()).isEqualTo(143);
        } finally {
            daemon.destroyForcibly();
        }
    }

    @Test
    void aSecondDaemonOnAFolderInUseEndsWithStatus1() throws Exception {
        Future<String> ready = nextNotification();
        Process first = daemon(dir.resolve("state"));
        try {
            assertThat(ready.get(30, TimeUnit.SECONDS)).startsWith("READY=1");
            Path work = Files.createDirectories(dir.resolve("second"));
            Process second = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Dshimhost.state=" + dir.resolve("state"), "-jar", Launcher.jar().toAbsolutePath().toString(),
                    "--daemon").directory(work.toFile()).redirectInput(new File("/dev/null"))
                    .redirectError(work.resolve("err").toFile()).start();

            assertThat(second.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(second.exitValue()).isEqualTo(1);
            assertThat(Files.readString(work.resolve("err"))).contains("shimhost: the shim registry on state directory "
                    + dir.resolve("state") + " failed to start: The state directory " + dir.resolve("state")
                    + " is in use by another shimhost (pid " + first.pid() + ")").doesNotContain("\tat ");
        } finally {
            first.destroyForcibly();
            first.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void versionPrintsTheVersion() throws Exception {
        Launcher launcher = Launcher.start(dir, List.of(), "--version");

        assertThat(launcher.awaitExit()).isZero();
        assertThat(launcher.stdout().strip()).isEqualTo("shimhost " + System.getProperty("shimhost.version")
                .replace("-SNAPSHOT", ".SNAPSHOT"));
    }

    @Test
    void theSystemdUnitPassesSystemdAnalyzeVerify() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/systemd-analyze")), "systemd-analyze is in Debian's systemd");
        Path unit = Path.of(System.getProperty("shimhost.unit", "../dist/shimhost.service")).toAbsolutePath();
        Process verify = new ProcessBuilder("systemd-analyze", "verify", unit.toString()).redirectErrorStream(true).start();
        String output = new String(verify.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(verify.waitFor()).as(output).isZero();
        assertThat(output).as("systemd-analyze says nothing about a sound unit").isBlank();
        assertThat(Files.readString(unit)).contains("Type=notify", "KillMode=process", "SuccessExitStatus=143",
                "Restart=on-failure", "--daemon");
    }
}
