package io.shimhost.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The executable jar, black-box: scripts, exit status, errors, the shell, SIGTERM. */
class LauncherIT {

    @TempDir
    Path dir;

    @Test
    void aScriptListsTheDeployedTypesWithTheirBundlesAndStartsANoopShim() throws Exception {
        try (Launcher launcher = Launcher.runScript(dir, "shim:types", "shim:start noopShim")) {
            assertThat(launcher.awaitExit()).as(launcher.stderr()).isZero();
            List<String> lines = launcher.stdout().lines().toList();
            assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("noopShim").contains("io.shimhost.shim.noop"));
            assertThat(lines).anySatisfy(l -> assertThat(l)
                    .startsWith("kataBuiltInShim").contains("io.shimhost.shim.kata.builtin"));
            assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("kataShim ").contains("io.shimhost.shim.kata "));
            assertThat(lines.get(lines.size() - 1)).matches("id=[0-9a-f-]{36} pid=0");
        }
    }

    @Test
    void aUserOtherThanRootRunsTheLauncherOnFoldersOfItsOwn() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "switching to nobody needs root; CI runs as root");
        // nobody's launcher folder: the jar, its conf/ and the state folder, all nobody's
        Path home = Files.createDirectories(dir.resolve("nobody"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.copy(Launcher.jar(), home.resolve("shimhost.jar"));
        Path conf = Files.createDirectories(home.resolve("conf"));
        Files.copy(Launcher.conf().resolve("logback.xml"), conf.resolve("logback.xml"));
        Path script = Files.writeString(home.resolve("types.gogo"), "shim:types\n");
        for (Path p : List.of(home, home.resolve("shimhost.jar"), conf, conf.resolve("logback.xml"), script)) {
            Files.setOwner(p, p.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody"));
        }
        List<String> command = new ArrayList<>(List.of("runuser", "-u", "nobody", "--"));
        command.addAll(Launcher.javaCommand("-jar", home.resolve("shimhost.jar").toString(), script.toString()));
        Process launcher = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(launcher.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(launcher.waitFor()).as(output).isZero();
        assertThat(output).contains("noopShim").doesNotContain("owned by uid");
        assertThat(Files.getOwner(home.resolve("state")).getName()).isEqualTo("nobody");
    }

    @Test
    void aGivenTokenIsTheShimsIdAndTheBuiltInShimReportsPidMinusOne() throws Exception {
        try (Launcher launcher = Launcher.runScript(dir, "shim:start -c c1 -t tok-1 kataBuiltInShim")) {
            assertThat(launcher.awaitExit()).isZero();
            assertThat(launcher.stdout().strip()).isEqualTo("id=tok-1 pid=-1");
        }
    }

    @Test
    void theFirstFailingCommandEndsTheScriptWithStatusOneAndOneLineOnStderr() throws Exception {
        try (Launcher launcher = Launcher.runScript(dir,
                "shim:start -t first noopShim", "shim:start bogusShim", "shim:start -t never noopShim")) {
            assertThat(launcher.awaitExit()).isEqualTo(1);
            assertThat(launcher.stdout()).contains("id=first").doesNotContain("never");
            assertThat(launcher.stderr().lines().toList()).hasSize(1).first().asString()
                    .contains(":2: shim:start bogusShim: Unknown shim type \"bogusShim\"")
                    .contains("deployed types: kataBuiltInShim, kataShim, noopShim");
        }
    }

    @Test
    void aBadOptionFailsNamingIt() throws Exception {
        try (Launcher launcher = Launcher.runScript(dir, "shim:start --pid nine noopShim")) {
            assertThat(launcher.awaitExit()).isEqualTo(1);
            assertThat(launcher.stderr()).contains("\"nine\"").doesNotContain("Exception:").doesNotContain("\tat ");
        }
    }

    @Test
    void aMissingScriptFailsNamingIt() throws Exception {
        try (Launcher launcher = Launcher.start(dir, List.of(), "no-such-script.gogo")) {
            assertThat(launcher.awaitExit()).isEqualTo(1);
            assertThat(launcher.stderr()).contains("no-such-script.gogo");
        }
    }

    @Test
    void withoutAScriptTheInteractiveShellReadsCommandsUntilItsInputEnds() throws Exception {
        try (Launcher launcher = Launcher.start(dir, List.of())) {
            try (OutputStream stdin = launcher.process().getOutputStream()) {
                stdin.write("shim:start -t typed noopShim\n".getBytes(StandardCharsets.UTF_8));
            }
            assertThat(launcher.awaitExit()).isZero();
            assertThat(launcher.stdout()).contains("id=typed pid=0");
        }
    }

    @Test
    void frameworkCommandsTakeBundleIdsAndComeBeforeShimCommandsOfTheSameName() throws Exception {
        Path standIn = KataStandIn.install(dir);
        Path example = Path.of("../examples/command-shim/target/command-shim-1.0.0.jar").toAbsolutePath();
        // the launcher has the framework (0) and its -runbundles: the example gets the next id, as does the running shim here
        String id = Long.toString(runBundles() + 1);
        List<String> session = List.of(
                KataStandIn.start(standIn, "-d -c c1 -t " + id + " --env KATA_STANDIN_SLEEP=300"),
                "install file:" + example, "start " + id, "headers " + id, "stop " + id, "refresh", "update " + id,
                "shim:running " + id, "uninstall " + id, "shim:stop " + id);
        try (Launcher launcher = Launcher.start(dir, List.of(), Map.of("KATA_STANDIN_SLEEP", "300"))) {
            try (OutputStream stdin = launcher.process().getOutputStream()) {
                stdin.write((String.join("\n", session) + "\n").getBytes(StandardCharsets.UTF_8));
            }
            assertThat(launcher.awaitExit()).isZero();

            assertThat(launcher.stdout()).contains("id=" + id + " pid=", "Bundle ID: " + id,
                    "Bundle-SymbolicName = org.example.shim.command",
                    "true\n", "stopped pid");
            assertThat(launcher.stderr()).doesNotContain("Cannot coerce", "NullPointerException", "Invalid shim type");
        }
    }

    /** How many bundles the launcher installs: the -runbundles of run/shimhost.bndrun. */
    private static long runBundles() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("../run/shimhost.bndrun"));
        return lines.stream().dropWhile(l -> !l.startsWith("-runbundles:")).skip(1)
                .takeWhile(l -> l.startsWith("\t") || l.startsWith(" ")).filter(l -> l.contains(";version=")).count();
    }

    @Test
    void aLoggingConfigurationThatIsNotThereIsNamedInOneLine() throws Exception {
        Path script = Files.writeString(dir.resolve("types.gogo"), "shim:types\n");
        try (Launcher launcher = Launcher.start(dir, List.of("-Dlogback.configurationFile=conf/logback-json.xml"),
                script.toString())) {
            assertThat(launcher.awaitExit()).isEqualTo(2);
            assertThat(launcher.stderr()).isEqualTo("shimhost: -Dlogback.configurationFile=conf/logback-json.xml: no such "
                    + "file (" + dir.resolve("conf/logback-json.xml") + "); give its path from this folder, e.g. "
                    + "run/target/conf/logback-json.xml from the checkout\n");
            assertThat(launcher.stdout()).isEmpty();
        }
    }

    @Test
    void sigtermStopsTheFrameworkCleanly() throws Exception {
        Path logback = Files.writeString(dir.resolve("logback.xml"), "<configuration>"
                + "<appender name='E' class='ch.qos.logback.core.ConsoleAppender'><target>System.err</target>"
                + "<encoder><pattern>%msg %kvp%n</pattern></encoder></appender>"
                + "<logger name='io.shimhost' level='INFO'/><root level='WARN'><appender-ref ref='E'/></root>"
                + "</configuration>");
        try (Launcher launcher = Launcher.start(dir, List.of("-Dlogback.configurationFile=" + logback))) {
            OutputStream stdin = launcher.process().getOutputStream();
            stdin.write("shim:start -t before-term noopShim\n".getBytes(StandardCharsets.UTF_8));
            stdin.flush();
            awaitOutput(launcher, "id=before-term");

            launcher.process().destroy(); // SIGTERM

            assertThat(launcher.awaitExit()).isEqualTo(143);
            assertThat(launcher.stderr()).contains("Shim registry stopped").contains("records=\"1\"");
            stdin.close();
        }
    }

    private static void awaitOutput(Launcher launcher, String text) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!launcher.stdout().contains(text)) {
            if (System.nanoTime() > deadline || !launcher.process().isAlive()) {
                throw new AssertionError("no \"" + text + "\" in stdout: " + launcher.stdout() + launcher.stderr());
            }
            Thread.sleep(20);
        }
    }
}
