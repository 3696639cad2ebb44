package io.shimhost.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
    private Process running;

    @BeforeEach
    void notifySocket() {
        socket = new UnixDatagram(LIBC).bind(dir.resolve("notify").toString());
        assertThat(socket).as("notify socket bound").isPositive();
    }

    @AfterEach
    void close() throws InterruptedException {
        if (running != null) {
            running.destroy();
            running.waitFor(30, TimeUnit.SECONDS);
        }
        LIBC.close(socket);
        receiver.shutdownNow();
    }

    private Future<String> nextNotification() {
        return receiver.submit(() -> new UnixDatagram(LIBC).receive(socket));
    }

    private Process daemon(Path state) throws Exception {
        return daemon(state, Map.of());
    }

    private Process daemon(Path state, Map<String, String> env) throws Exception {
        List<String> command = new ArrayList<>(Launcher.javaCommand("-Dshimhost.state=" + state, "-jar", Launcher.jar().toAbsolutePath().toString(), "--daemon"));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
                .redirectInput(new File("/dev/null"))
                .redirectOutput(dir.resolve("daemon.out").toFile()).redirectError(dir.resolve("daemon.err").toFile());
        builder.environment().put("NOTIFY_SOCKET", dir.resolve("notify").toString());
        builder.environment().putAll(env);
        return builder.start();
    }

    private String stderr() throws Exception {
        return Files.readString(dir.resolve("daemon.err"), StandardCharsets.UTF_8);
    }

    @Test
    void theDaemonTellsTheServiceManagerItIsReadyAndStoppingAndEnds143OnSigterm() throws Exception {
        assertThat(readyDaemon()).isEqualTo("READY=1\nSTATUS=0 shims running");
        Thread.sleep(500);
        assertThat(running.isAlive()).as("stdin at its end does not stop a daemon").isTrue();

        Future<String> stopping = nextNotification();
        running.destroy(); // SIGTERM

        assertThat(stopping.get(30, TimeUnit.SECONDS)).isEqualTo("STOPPING=1");
        assertThat(running.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(running.exitValue()).as(stderr()).isEqualTo(143);
    }

    @Test
    void aSecondDaemonOnAFolderInUseEndsWithStatus1() throws Exception {
        readyDaemon();
        Path work = Files.createDirectories(dir.resolve("second"));
        Process second = new ProcessBuilder(Launcher.javaCommand("-Dshimhost.state=" + dir.resolve("state"), "-jar",
                Launcher.jar().toAbsolutePath().toString(), "--daemon")).directory(work.toFile())
                .redirectInput(new File("/dev/null")).redirectError(work.resolve("err").toFile()).start();

        assertThat(second.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(second.exitValue()).isEqualTo(1);
        assertThat(Files.readString(work.resolve("err"))).isEqualTo("shimhost: a shimhost daemon (pid " + running.pid()
                + ") runs on the state folder " + dir.resolve("state") + " already (socket "
                + dir.resolve("state").resolve("shimhost.sock") + ")\n");
    }

    @Test
    void aLauncherBesideADaemonSaysSoInOneLineNamingTheCtlFormOfItsScript() throws Exception {
        readyDaemon();
        Path work = Files.createDirectories(dir.resolve("script"));
        Path script = Files.writeString(work.resolve("ps.gogo"), "shim:ps\n");
        Process launcher = new ProcessBuilder(Launcher.javaCommand("-Dshimhost.state=" + dir.resolve("state"), "-jar",
                Launcher.jar().toAbsolutePath().toString(), script.toString())).directory(work.toFile())
                .redirectInput(new File("/dev/null")).redirectError(work.resolve("err").toFile())
                .redirectOutput(work.resolve("out").toFile()).start();

        assertThat(launcher.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(launcher.exitValue()).isEqualTo(1);
        assertThat(Files.readString(work.resolve("err"))).isEqualTo("shimhost: a shimhost daemon (pid " + running.pid()
                + ") runs on the state folder " + dir.resolve("state") + ": run the script through it: shimhost ctl -f "
                + script + "\n");
        assertThat(Files.readString(work.resolve("out"))).isEmpty();
    }

    @Test
    void versionPrintsTheVersion() throws Exception {
        Launcher launcher = Launcher.start(dir, List.of(), "--version");

        assertThat(launcher.awaitExit()).isZero();
        assertThat(launcher.stdout().strip()).isEqualTo("shimhost " + System.getProperty("shimhost.version")
                .replace("-SNAPSHOT", ".SNAPSHOT"));
    }

    @Test
    void versionAndHelpBesideARunningDaemonAnswerWithoutAFrameworkAndNothingOnStderr() throws Exception {
        readyDaemon();
        Path tmp = Files.createDirectories(dir.resolve("tmp"));
        for (String argument : List.of("--version", "--help")) {
            Launcher launcher = Launcher.start(dir, List.of("-Djava.io.tmpdir=" + tmp), argument);

            assertThat(launcher.awaitExit()).isZero();
            assertThat(launcher.stderr()).isEmpty();
            assertThat(launcher.stdout()).startsWith(argument.equals("--version") ? "shimhost " : "usage: ");
            try (var made = Files.list(tmp)) {
                assertThat(made).as("a framework's storage").isEmpty();
            }
        }
    }

    @Test
    void exitEndsACtlSessionLikeTheEndOfItsInput() throws Exception {
        readyDaemon();
        Process ctl = new ProcessBuilder(java(), "-jar", Launcher.jar().toAbsolutePath().toString(), "ctl", "-s",
                dir.resolve("state").resolve("shimhost.sock").toString()).start();
        try (var stdin = ctl.getOutputStream()) {
            stdin.write("shim:types\nexit\nshim:ps\n".getBytes(StandardCharsets.UTF_8));
        }
        String output = new String(ctl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(ctl.waitFor()).isZero();
        assertThat(output).contains("noopShim").doesNotContain("SUPERVISION");
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

    private CtlClient.Ctl ctl(Path socket, String... args) throws Exception {
        return CtlClient.ctl(dir, socket, args);
    }

    private static String java() {
        return CtlClient.java();
    }

    /**
     * A ready daemon on the test's state folder, listening on STATE/shimhost.sock; stopped after the
     * test. Returns its READY notification.
     */
    private String readyDaemon() throws Exception {
        Future<String> ready = nextNotification();
        running = daemon(dir.resolve("state"));
        String notification = ready.get(30, TimeUnit.SECONDS);
        assertThat(notification).startsWith("READY=1");
        return notification;
    }

    private Path socketOf() {
        return dir.resolve("state").resolve("shimhost.sock");
    }

    @Test
    void atTheDefaultLevelTheDaemonLogsItsReadyLineAndEachShimsLifeWithJournalPriorities() throws Exception {
        Future<String> ready = nextNotification();
        running = daemon(dir.resolve("state"), Map.of("JOURNAL_STREAM", "8:4242"));
        assertThat(ready.get(30, TimeUnit.SECONDS)).startsWith("READY=1");
        Path standIn = KataStandIn.install(dir);

        Future<String> status = nextNotification();
        CtlClient.Ctl start = ctl(socketOf(), KataStandIn.start(standIn, "-d -c c1 -t life --env KATA_STANDIN_SLEEP=300")
                .split(" "));
        assertThat(start.status()).as(start.stderr()).isZero();
        assertThat(status.get(30, TimeUnit.SECONDS)).isEqualTo("STATUS=1 shim running");
        assertThat(ctl(socketOf(), "shim:stop", "life").status()).isZero();
        assertThat(ctl(socketOf(), "shim:wait", "life").status()).isZero();
        running.destroy();
        running.waitFor(30, TimeUnit.SECONDS);

        List<String> lines = stderr().lines().toList();
        assertThat(lines).anyMatch(l -> l.startsWith("<6>Daemon shimhost ") && l.contains(" ready: state folder "
                + dir.resolve("state") + ", socket ") && l.contains("types kataBuiltInShim, kataShim, noopShim"));
        assertThat(lines).anyMatch(l -> l.startsWith("<6>LifecycleLog Shim started") && l.contains("id=\"life\""));
        assertThat(lines).anyMatch(l -> l.startsWith("<6>LifecycleLog Shim exited") && l.contains("signal=\"9\""));
        assertThat(lines).allMatch(l -> l.matches("<[3-7]>.*"));
    }

    @Test
    void underAWatchdogTheDaemonPingsWhileItsSupervisorAnswers() throws Exception {
        Future<String> ready = nextNotification();
        running = daemon(dir.resolve("state"), Map.of("WATCHDOG_USEC", "2000000"));
        assertThat(ready.get(30, TimeUnit.SECONDS)).startsWith("READY=1");

        long started = System.nanoTime();
        String next = nextNotification().get(30, TimeUnit.SECONDS);
        while (!next.equals("WATCHDOG=1")) {
            next = nextNotification().get(30, TimeUnit.SECONDS);
        }
        assertThat((System.nanoTime() - started) / 1e9).as("seconds to the first ping, the period being 2").isLessThan(4);
    }

    @Test
    void whatOneClientStartsAnotherSees() throws Exception {
        readyDaemon();
        CtlClient.Ctl start = ctl(socketOf(), "shim:start", "-c", "c 1", "-t", "seen", "noopShim");
        assertThat(start.status()).as(start.stderr()).isZero();
        assertThat(start.stdout()).isEqualTo("id=seen pid=0\n");

        CtlClient.Ctl ps = ctl(socketOf(), "shim:ps");
        assertThat(ps.status()).isZero();
        assertThat(ps.stdout()).containsPattern("seen\\s+noopShim\\s+c 1");
        assertThat(Files.getPosixFilePermissions(socketOf())).isEqualTo(
                java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    }

    @Test
    void aFailingCommandIsOneLineAndStatus1AndAScriptStopsThere() throws Exception {
        readyDaemon();
        CtlClient.Ctl wait = ctl(socketOf(), "shim:wait");
        assertThat(wait.status()).isEqualTo(1);
        assertThat(wait.stderr()).isEqualTo("Missing ID|PID; usage: shim:wait [-t SECONDS] [--format FORMAT] ID|PID\n");

        Path script = Files.writeString(dir.resolve("s.gogo"), "shim:start -t s1 noopShim\nshim:stop\nshim:start -t s2 noopShim\n");
        CtlClient.Ctl run = ctl(socketOf(), "-f", script.toString());
        assertThat(run.status()).isEqualTo(1);
        assertThat(run.stdout()).contains("id=s1").doesNotContain("s2");
        assertThat(run.stderr()).isEqualTo(script + ":2: shim:stop: Missing ID|PID; usage: shim:stop [-t SECONDS] ID|PID\n");
    }

    @Test
    void twentyClientsAtOnceEachStartAndStopTheirOwnShim() throws Exception {
        Path standIn = KataStandIn.install(dir);
        Files.writeString(dir.resolve("sleep"), "300");
        readyDaemon();
        List<CtlClient.Ctl> clients = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            Path script = Files.write(dir.resolve("client-" + i + ".gogo"), List.of(
                    KataStandIn.start(standIn, "-d -c c" + i + " -t client-" + i), "shim:running client-" + i,
                    "shim:stop client-" + i, "shim:wait client-" + i));
            clients.add(ctl(socketOf(), "-f", script.toString()));
        }
        for (int i = 0; i < 20; i++) {
            CtlClient.Ctl client = clients.get(i);
            assertThat(client.status()).as(client.stderr()).isZero();
            assertThat(client.stdout()).matches("(?s)id=client-" + i + " pid=\\d+\ntrue\nstopped pid \\d+\nkilled SIGKILL\n");
        }
    }

    /** A ready daemon running one stand-in shim (up for 300 s) with this id. */
    private void readyDaemonWithAShim(String id) throws Exception {
        Path standIn = KataStandIn.install(dir);
        Files.writeString(dir.resolve("sleep"), "300");
        readyDaemon();
        assertThat(ctl(socketOf(), "-f", Files.write(dir.resolve("a.gogo"), List.of(KataStandIn.start(standIn,
                "-d -c c1 -t " + id))).toString()).status()).isZero();
    }

    /** As a script in another language would do it: send the line, shut the sending side, read the answer to its end. */
    @Test
    void aClientThatShutsItsSendingSideStillReadsTheWholeAnswer() throws Exception {
        readyDaemonWithAShim("slow");

        String answer;
        try (java.nio.channels.SocketChannel client = java.nio.channels.SocketChannel.open(
                java.net.UnixDomainSocketAddress.of(socketOf()))) {
            client.write(java.nio.ByteBuffer.wrap("shim:wait -t 1 slow\n".getBytes(StandardCharsets.UTF_8)));
            client.shutdownOutput();
            answer = new String(java.nio.channels.Channels.newInputStream(client).readAllBytes(), StandardCharsets.UTF_8);
        }

        assertThat(answer).as("the wait ran its second to the timeout, then the answer ended")
                .matches("(?s)(o 0\n)*e \\d+\nShim pid \\d+ still running after 1 s= 1\n");
        assertThat(ctl(socketOf(), "shim:stop", "slow").status()).isZero();
    }

    @Test
    void aClientKilledMidCommandLeavesTheDaemonServing() throws Exception {
        readyDaemonWithAShim("waited");
        CtlClient.Ctl waiting = ctl(socketOf(), "shim:wait", "-t", "600", "waited");
        Thread.sleep(1000);
        waiting.process().destroyForcibly();
        waiting.process().waitFor(30, TimeUnit.SECONDS);

        CtlClient.Ctl ps = ctl(socketOf(), "shim:ps");
        assertThat(ps.status()).isZero();
        assertThat(ps.stdout()).containsPattern("waited\\s+kataShim\\s+c1\\s+\\d+\\s+running");
        assertThat(ctl(socketOf(), "shim:stop", "waited").status()).isZero();
        assertThat(running.isAlive()).isTrue();
    }

    @Test
    void aUserOtherThanRootIsRefusedByItsCredentials() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "switching to nobody needs root; CI runs as root");
        try (OpenFolder open = OpenFolder.create("shimhost-open")) {
            Path jar = open.jar();
            Path socket = open.folder().resolve("shimhost.sock");
            Future<String> ready = nextNotification();
            ProcessBuilder builder = new ProcessBuilder(Launcher.javaCommand("-Dshimhost.state=" + dir.resolve("state"),
                    "-Dshimhost.socket=" + socket, "-jar", Launcher.jar().toAbsolutePath().toString(), "--daemon"))
                    .redirectInput(new File("/dev/null")).redirectOutput(dir.resolve("daemon.out").toFile())
                    .redirectError(dir.resolve("daemon.err").toFile());
            builder.environment().put("NOTIFY_SOCKET", dir.resolve("notify").toString());
            Process daemon = builder.start();
            try {
                assertThat(ready.get(30, TimeUnit.SECONDS)).startsWith("READY=1");
                // the daemon makes it 0600; opened up here so that only the credentials check stands in the way
                Files.setPosixFilePermissions(socket, java.nio.file.attribute.PosixFilePermissions.fromString("rw-rw-rw-"));
                Process nobody = new ProcessBuilder("runuser", "-u", "nobody", "--", java(), "-jar", jar.toString(), "ctl",
                        "-s", socket.toString(), "shim:ps").redirectErrorStream(true).start();
                String output = new String(nobody.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

                assertThat(nobody.waitFor()).as(output).isEqualTo(1);
                assertThat(output).contains("refused: user nobody may not drive this shimhost").doesNotContain("ID ");
                assertThat(stderr()).contains("Refused a connection to the control socket from user nobody (uid 65534");
            } finally {
                daemon.destroy();
                daemon.waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void withoutADaemonCtlSaysSoInOneLine() throws Exception {
        CtlClient.Ctl ctl = ctl(dir.resolve("no.sock"), "shim:ps");

        assertThat(ctl.status()).isEqualTo(1);
        assertThat(ctl.stderr()).isEqualTo("shimhost ctl: no daemon listens on " + dir.resolve("no.sock")
                + " (No such file or directory): start one with java -jar shimhost.jar --daemon, or name its socket with -s\n");
    }
}
