package io.shimhost.itests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What an operator sees when things go wrong, black-box against the built jar: every bad command
 * line, bad configuration and unsafe folder gets one line that names the bad value (and status 1
 * in a script), never a stack trace; hostile ids are refused; the interactive shell reads UTF-8.
 */
class HardeningIT {

    @TempDir
    Path dir;

    private Path standIn;

    @BeforeEach
    void standIn() throws IOException {
        standIn = KataStandIn.install(dir);
    }

    /** Runs lines in the interactive shell, which goes on after a failure: one stderr line per failure. */
    private Launcher interactive(String... lines) throws Exception {
        Launcher launcher = Launcher.start(dir, List.of(), Map.of("LC_ALL", "C.UTF-8"));
        try (OutputStream stdin = launcher.process().getOutputStream()) {
            stdin.write((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        assertThat(launcher.awaitExit()).as(launcher.stderr()).isZero();
        return launcher;
    }

    private static void assertNoTrace(String stderr) {
        assertThat(stderr).doesNotContain("\tat ", "Exception:", "Cannot coerce", "NullPointerException");
    }

    @Test
    void everyCommandAnswersAMissingOrExtraArgumentWithItsUsageInOneLine() throws Exception {
        Launcher launcher = interactive("shim:signal", "shim:signal a", "shim:signal a TERM b", "shim:stop",
                "shim:stop a b", "shim:wait", "shim:wait a b", "shim:running", "shim:running a b", "shim:ns",
                "shim:ns a b", "shim:types x", "shim:ps x", "shim:wait --bogus a", "shim:start");

        List<String> errors = launcher.stderr().lines().toList();
        assertNoTrace(launcher.stderr());
        assertThat(errors).hasSize(15);
        assertThat(errors).containsSubsequence("Missing ID|PID; usage: shim:signal ID|PID SIGNAL",
                "Missing SIGNAL; usage: shim:signal ID|PID SIGNAL",
                "Too many arguments: \"b\" is one more than 2; usage: shim:signal ID|PID SIGNAL",
                "Missing ID|PID; usage: shim:stop [-t SECONDS] ID|PID",
                "Too many arguments: \"b\" is one more than 1; usage: shim:stop [-t SECONDS] ID|PID",
                "Missing ID|PID; usage: shim:wait [-t SECONDS] [--format FORMAT] ID|PID",
                "Too many arguments: \"b\" is one more than 1; usage: shim:wait [-t SECONDS] [--format FORMAT] ID|PID",
                "Missing ID|PID; usage: shim:running ID|PID",
                "Too many arguments: \"b\" is one more than 1; usage: shim:running ID|PID",
                "Missing ID|PID; usage: shim:ns [--format FORMAT] ID|PID",
                "Too many arguments: \"b\" is one more than 1; usage: shim:ns [--format FORMAT] ID|PID",
                "No argument expected, got \"x\"; usage: shim:types [--format FORMAT]",
                "No argument expected, got \"x\"; usage: shim:ps [--format FORMAT] [-q] [--filter KEY=VALUE]...",
                "Unknown option --bogus; usage: shim:wait [-t SECONDS] [--format FORMAT] ID|PID");
        assertThat(errors.get(14)).isEqualTo("Missing TYPE; usage: shim:start [options] TYPE");
    }

    @Test
    void everyCommandTakesAPidAndAnUnsetTimeoutIsNamed() throws Exception {
        Files.writeString(dir.resolve("sleep"), "1");
        try (Launcher launcher = Launcher.start(dir, List.of())) {
            OutputStream stdin = launcher.process().getOutputStream();
            stdin.write((KataStandIn.start(standIn, "-d -c c1 -t w1") + "\n").getBytes(StandardCharsets.UTF_8));
            stdin.flush();
            String pid = awaitLine(launcher, "id=w1").replaceAll(".*pid=", "");
            stdin.write(("shim:running " + pid + "\nshim:ns " + pid + "\nshim:signal " + pid + " CONT\n"
                    + "shim:wait -t $nothing " + pid + "\nshim:wait " + pid + "\n").getBytes(StandardCharsets.UTF_8));
            stdin.close();

            assertThat(launcher.awaitExit()).isZero();
            assertThat(launcher.stdout()).contains("true", "TYPE", "INODE", "sent SIGCONT to pid " + pid, "exited 0");
            assertThat(launcher.stderr()).contains("Invalid timeout \"\": give seconds, from 0 to 86400");
            assertNoTrace(launcher.stderr());
        }
    }

    static final List<String> COMMANDS = List.of("types", "start", "ps", "signal", "stop", "wait", "forget", "running",
            "ns", "events", "logs", "audit", "config", "inspect", "stats");

    @Test
    void everyCommandsHelpShowsItsUsageAndOptions() throws Exception {
        Launcher launcher = interactive(COMMANDS.stream().map(c -> "shim:" + c + " --help").toArray(String[]::new));

        String[] helps = launcher.stdout().split("usage: ");
        assertThat(helps).hasSize(COMMANDS.size() + 1);
        for (int i = 0; i < COMMANDS.size(); i++) {
            assertThat(helps[i + 1]).as(COMMANDS.get(i)).startsWith("shim:" + COMMANDS.get(i)).contains("options:",
                    "-h, --help");
        }
        assertThat(launcher.stderr()).isEmpty();
    }

    @Test
    void helpOnACommandDescribesItsArgumentsAndOptions() throws Exception {
        Launcher launcher = interactive("shim:wait --help", "shim:stop -h");

        assertThat(launcher.stdout()).contains("wait until a shim exits", "usage: shim:wait [-t SECONDS] [--format FORMAT] ID|PID",
                "-t, --timeout SECONDS", "(default 10)", "usage: shim:stop [-t SECONDS] ID|PID");
        assertThat(launcher.stderr()).isEmpty();
    }

    @Test
    void controlCharactersInIdsAreRefusedAndShownEscaped() throws Exception {
        Launcher launcher = interactive("shim:start -t \"a\tb\" noopShim", "shim:start -c \"c\u001b[2J\" noopShim",
                "shim:start --sandbox \"s\u0085\" noopShim", "shim:start -t " + "x".repeat(300) + " noopShim", "shim:ps");

        List<String> errors = launcher.stderr().lines().toList();
        assertThat(errors).containsExactly(
                "Invalid token \"a\\u0009b\": control characters (such as a newline) are not allowed",
                "Invalid container \"c\\u001b[2J\": control characters (such as a newline) are not allowed",
                "Invalid sandbox id \"s\\u0085\": control characters (such as a newline) are not allowed",
                "Invalid token \"" + "x".repeat(64) + "…\": 300 bytes, more than the 256 an id may have");
        assertThat(launcher.stdout()).doesNotContain("noopShim ");
    }

    @Test
    void aLongBadCommandLineIsEchoedOnlyInPart() throws Exception {
        Path script = Files.writeString(dir.resolve("bad.gogo"), "shim:start --no-such " + "y".repeat(5000) + "\n");
        try (Launcher launcher = Launcher.start(dir, List.of(), script.toString())) {
            assertThat(launcher.awaitExit()).isEqualTo(1);
            assertThat(launcher.stderr().lines()).singleElement().satisfies(l -> assertThat(l.length()).isLessThan(400));
        }
    }

    @Test
    void anInvalidConfigurationFileIsOneLineNamingTheFileTheKeyAndTheValue() throws Exception {
        Path home = Files.createDirectories(dir.resolve("home"));
        Path cfg = Files.writeString(Files.createDirectories(home.resolve("conf")).resolve("io.shimhost.shim.kata.cfg"),
                "debug = maybe\n");
        Path script = Files.writeString(dir.resolve("s.gogo"), "shim:types\n" + KataStandIn.start(standIn, "-d -c c1")
                + "\n");
        try (Launcher launcher = Launcher.start(dir, List.of("-Dshimhost.home=" + home), script.toString())) {
            assertThat(launcher.awaitExit()).isEqualTo(1);
            assertNoTrace(launcher.stderr());
            assertThat(launcher.stdout()).contains("kataShim ");
            String expected = "kataShim is deployed but its configuration is invalid: configuration io.shimhost.shim.kata"
                    + " in " + cfg.toUri().toString().replace("file:///", "file:/") + ": kataShim config key \"debug\""
                    + " must be a boolean (true or false), not \"maybe\"";
            assertThat(launcher.stderr().lines()).hasSize(2).allSatisfy(l -> assertThat(l).contains(expected));
        }
    }

    /**
     * The file is in Configuration Admin before SCR has re-configured kataShim with it: the launcher
     * waits for both. And the operator's file is never written back (FileInstall did, and a stop
     * during the write left it empty).
     */
    @Test
    void theFirstCommandAlreadyRunsWithTheConfigurationOfConfWhichIsNeverWrittenBack() throws Exception {
        Path home = Files.createDirectories(dir.resolve("home"));
        String text = "# the operator's own words\npath = " + standIn + "\npass.environment = " + KataStandIn.PASSED + "\n";
        Path cfg = Files.writeString(Files.createDirectories(home.resolve("conf")).resolve("io.shimhost.shim.kata.cfg"),
                text);
        Path script = Files.writeString(dir.resolve("s.gogo"), "shim:start -d -c c1 -t conf-1 -u unix:///a kataShim\n"
                + "shim:wait conf-1\n");
        for (int round = 0; round < 3; round++) {
            Files.deleteIfExists(dir.resolve("state/shims.table"));
            try (Launcher launcher = Launcher.start(dir, List.of("-Dshimhost.home=" + home,
                    "-Dshimhost.state=" + dir.resolve("state")), script.toString())) {
                assertThat(launcher.awaitExit()).as(launcher.stderr()).isZero();
                assertThat(launcher.stdout()).contains("id=conf-1", "exited 0");
            }
            assertThat(cfg).hasContent(text);
        }
    }

    @Test
    void aStateFolderOthersCanWriteIsRefusedInOneLine() throws Exception {
        Path state = Files.createDirectories(dir.resolve("loose"));
        Files.setPosixFilePermissions(state, PosixFilePermissions.fromString("rwxrwxrwx"));
        Path script = Files.writeString(dir.resolve("s.gogo"), "shim:ps\n");
        try (Launcher launcher = Launcher.start(dir, List.of("-Dshimhost.state=" + state), script.toString())) {
            assertThat(launcher.awaitExit()).isEqualTo(1);
            assertNoTrace(launcher.stderr());
            assertThat(launcher.stderr()).contains("shimhost: the shim registry on state directory " + state
                    + " failed to start: The state directory " + state + " is writable by others (rwxrwxrwx)",
                    "chmod 700 " + state);
            assertThat(launcher.stdout()).isEmpty();
        }
    }

    @Test
    void aStateFolderThatIsALinkIsRefused() throws Exception {
        Path real = Files.createDirectories(dir.resolve("real"));
        Path link = Files.createSymbolicLink(dir.resolve("link"), real);
        Path script = Files.writeString(dir.resolve("s.gogo"), "shim:ps\n");
        try (Launcher launcher = Launcher.start(dir, List.of("-Dshimhost.state=" + link), script.toString())) {
            assertThat(launcher.awaitExit()).isEqualTo(1);
            assertNoTrace(launcher.stderr());
            assertThat(launcher.stderr()).contains("The state directory " + link + " is a symbolic link");
        }
    }

    @Test
    void aTableThatIsAFifoIsRefusedInsteadOfHangingTheLauncher() throws Exception {
        Path state = Files.createDirectories(dir.resolve("state"));
        assertThat(new ProcessBuilder("mkfifo", state.resolve("shims.table").toString()).start().waitFor()).isZero();
        Path script = Files.writeString(dir.resolve("s.gogo"), "shim:ps\n");
        try (Launcher launcher = Launcher.start(dir, List.of(), script.toString())) {
            assertThat(launcher.awaitExit()).isEqualTo(1);
            assertNoTrace(launcher.stderr());
            assertThat(launcher.stderr()).contains("failed to start: " + state.resolve("shims.table")
                    + " is a special file (a fifo, socket or device), not a regular file: move it away");
        }
    }

    @ParameterizedTest
    @CsvSource({"conf, rwxrwxrwx", "deploy, rwxrwx---"})
    void anOperatorFolderOthersCanWriteIsRefused(String name, String mode) throws Exception {
        Path home = Files.createDirectories(dir.resolve("home"));
        Path folder = Files.createDirectories(home.resolve(name));
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString(mode));
        Path script = Files.writeString(dir.resolve("s.gogo"), "shim:ps\n");
        try (Launcher launcher = Launcher.start(dir, List.of("-Dshimhost.home=" + home), script.toString())) {
            assertThat(launcher.awaitExit()).isEqualTo(1);
            assertThat(launcher.stderr().strip()).isEqualTo("shimhost: The folder " + folder + " is writable by others ("
                    + mode + "): whoever writes it runs code as shimhost; chmod go-w " + folder);
        }
    }

    @Test
    void theStateFolderAndItsFilesAreTheOwnersOnly() throws Exception {
        Launcher launcher = Launcher.runScript(dir, "shim:start -t n1 noopShim");

        assertThat(launcher.process().exitValue()).isZero();
        Path state = dir.resolve("state");
        assertThat(mode(state)).isEqualTo("rwx------");
        assertThat(mode(state.resolve("shims.table"))).isEqualTo("rw-------");
        assertThat(mode(state.resolve("shims.journal"))).isEqualTo("rw-------");
        assertThat(mode(state.resolve("shims.lock"))).isEqualTo("rw-------");
    }

    private static String mode(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void aConsoleThatIsNoTerminalIsRefused() throws Exception {
        Path file = Files.writeString(dir.resolve("plain"), "");
        Launcher launcher = interactive(KataStandIn.start(standIn, "-c c1 --console /dev/null"),
                KataStandIn.start(standIn, "-c c1 --console " + file), "shim:ps");

        assertThat(launcher.stderr().lines()).containsExactly(
                "Console /dev/null is not a terminal: give a terminal device, such as a pseudo-terminal's /dev/pts/N",
                "Console " + file + " is not a terminal: give a terminal device, such as a pseudo-terminal's /dev/pts/N");
        assertThat(launcher.stdout()).doesNotContain("kataShim ");
    }

    @Test
    void stoppingOrSignallingAShimThatEndedSaysNothingWasSent() throws Exception {
        Launcher launcher = Launcher.runScript(dir, KataStandIn.start(standIn, "-d -c c1 -t brief"),
                "shim:wait brief", "shim:stop brief", "shim:signal brief TERM", "shim:start -t nop noopShim",
                "shim:stop nop");

        assertThat(launcher.process().exitValue()).as(launcher.stderr()).isZero();
        assertThat(launcher.stdout()).containsPattern("not sent SIGKILL: shim brief \\(pid \\d+\\) had already ended "
                + "\\(exited 0\\)").containsPattern("not sent SIGTERM: shim brief \\(pid \\d+\\) had already ended")
                .contains("not sent SIGKILL: shim nop has no process (pid 0)").doesNotContain("stopped pid", "sent SIGTERM to");
    }

    @Test
    void theInteractiveShellReadsUtf8() throws Exception {
        Launcher launcher = interactive("shim:start -c grüße -t ü-1 noopShim", "shim:ps");

        assertThat(launcher.stdout()).contains("id=ü-1 pid=0").containsPattern("ü-1\\s+noopShim\\s+grüße");
        assertThat(launcher.stdout()).doesNotContain("Ã");
    }

    @Test
    void aBundleThatTakesOverAServedTypeIsNamedInAWarning() throws Exception {
        Path home = Files.createDirectories(dir.resolve("home"));
        Files.writeString(Files.createDirectories(home.resolve("conf")).resolve("org.example.shim.command.config"),
                "shim.type=\"noopShim\"\nservice.ranking=I\"10\"\n");
        Path script = Files.writeString(dir.resolve("s.gogo"), "example = $.context installBundle "
                + ShimhostFramework.jar("org.example.shim.command").toURI() + "\n$example start\nshim:types\n");
        try (Launcher launcher = Launcher.start(dir, List.of("-Dshimhost.home=" + home), script.toString())) {
            assertThat(launcher.awaitExit()).as(launcher.stderr()).isZero();
            assertThat(launcher.stdout()).containsPattern("noopShim\\s+org.example.shim.command\\s+1.0.0\\s+10\\s+\\*");
            assertThat(launcher.stderr().lines()).anySatisfy(l -> assertThat(l).contains("WARN",
                    "Shim type noopShim is now served by org.example.shim.command 1.0.0 instead of "
                            + "io.shimhost.shim.noop 0.1.0.SNAPSHOT"));
        }
    }

    private static String awaitLine(Launcher launcher, String prefix) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            var line = launcher.stdout().lines().map(l -> l.replaceFirst("^(g! )+", "")).filter(l -> l.startsWith(prefix))
                    .findFirst();
            if (line.isPresent()) {
                return line.get();
            }
            if (System.nanoTime() > deadline || !launcher.process().isAlive()) {
                throw new AssertionError("no " + prefix + " in stdout: " + launcher.stdout() + launcher.stderr());
            }
            Thread.sleep(20);
        }
    }

    @Test
    void helpOfAShimCommandIsItsUsageWithEveryOption() throws Exception {
        Launcher launcher = interactive("help shim:wait", "help start");

        assertThat(launcher.stdout().lines().filter(l -> !l.isBlank()).count()).isLessThan(40);
        assertThat(launcher.stdout()).contains("usage: shim:wait [-t SECONDS]", "-t, --timeout SECONDS")
                .doesNotContain("java.lang.Object").contains("scope: felix");
        assertThat(launcher.stderr()).isEmpty();
    }

    @Test
    void anUnknownCommandIsOneLineWithTheClosestNames() throws Exception {
        Launcher launcher = interactive("shim:strat noopShim", "bogusxyz");

        assertThat(launcher.stderr().lines()).containsExactly(
                "unknown command shim:strat; did you mean shim:start?", "unknown command bogusxyz; see help");
    }
}
