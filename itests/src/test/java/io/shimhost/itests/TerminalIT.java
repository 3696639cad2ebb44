package io.shimhost.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The interactive shells on a real terminal (tmux), as an operator types: TAB completion of
 * commands, options, namespace types and shim ids; Up recalls a command, also after a restart;
 * Ctrl-C ends a running command, not the shell; the same in ctl's session against a daemon.
 */
class TerminalIT {

    /** The prompts as a screen shows them, without their trailing space. */
    private static final String PROMPT = "g!";
    private static final String CTL_PROMPT = "shimhost>";

    @TempDir
    Path dir;

    private Path standIn;

    @BeforeEach
    void terminal() throws Exception {
        assumeTrue(Tmux.installed(), "tmux is in Debian's tmux package (.ci/run installs it)");
        standIn = KataStandIn.install(dir);
    }

    /** The launcher's shell on the test's state folder, with the build's conf/ (its logging: warnings only). */
    private Tmux launcher() throws Exception {
        return Tmux.start(dir, String.join(" ", Launcher.javaCommand()) + " -Dshimhost.state=" + dir.resolve("state") + " -jar "
                + Launcher.jar().toAbsolutePath() + " 2> " + dir.resolve("stderr.txt"));
    }

    private static String line(Tmux tmux, String prompt) throws Exception {
        return Tmux.lastLine(tmux.screen(), prompt);
    }

    @Test
    void tabCompletesCommandNamesOptionsAndNamespaceTypes() throws Exception {
        try (Tmux shell = launcher()) {
            awaitPrompt(shell, PROMPT);

            shell.type("shim:st").keys("Tab");
            shell.await("shim:start and shim:stop offered", s -> s.contains("shim:start") && s.contains("shim:stop"));

            shell.keys("C-u").type("shim:start --new").keys("Tab");
            shell.await("--new-ns completed", s -> line(s, PROMPT).equals(PROMPT + " shim:start --new-ns"));
            shell.type("n").keys("Tab");
            shell.await("net completed", s -> line(s, PROMPT).equals(PROMPT + " shim:start --new-ns net"));
        }
    }

    /** Waits until the terminal shows an empty prompt on its last line: the shell reads again. */
    private static void awaitPrompt(Tmux tmux, String prompt) throws Exception {
        tmux.await("the prompt", s -> s.lines().filter(l -> !l.isBlank()).reduce((a, b) -> b).orElse("").strip()
                .equals(prompt));
    }

    private static String line(String screen, String prompt) {
        return Tmux.lastLine(screen, prompt).stripTrailing();
    }

    @Test
    void stopOffersTheShimsIdsTheRunningOnesFirst() throws Exception {
        try (Tmux shell = launcher()) {
            awaitPrompt(shell, PROMPT);
            shell.type("shim:start -t ended noopShim").keys("Enter");
            awaitPrompt(shell, PROMPT);
            shell.type(KataStandIn.start(standIn, "-d -c c1 -t runner --env KATA_STANDIN_SLEEP=300")).keys("Enter");
            shell.await("runner started", s -> s.contains("id=runner"));
            awaitPrompt(shell, PROMPT);

            shell.type("shim:stop ").keys("Tab");
            String screen = shell.await("the ids offered", s -> s.contains("runner") && s.lines().anyMatch(
                    l -> l.contains("runner") && l.contains("ended")));
            String offered = screen.lines().filter(l -> l.contains("runner") && l.contains("ended")).findFirst().orElseThrow();
            assertThat(offered.indexOf("runner")).as("running first: " + offered).isLessThan(offered.indexOf("ended"));

            shell.keys("C-u").type("shim:stop runner").keys("Enter");
            shell.await("runner stopped", s -> s.contains("stopped pid"));
        }
    }

    @Test
    void upRecallsTheLastCommandAlsoAfterARestart() throws Exception {
        try (Tmux shell = launcher()) {
            awaitPrompt(shell, PROMPT);
            shell.type("shim:types").keys("Enter");
            shell.await("the types", s -> s.contains("noopShim"));
            awaitPrompt(shell, PROMPT);
            shell.keys("Up");
            shell.await("shim:types recalled", s -> line(s, PROMPT).equals(PROMPT + " shim:types"));
            shell.keys("C-u", "C-d");
            shell.await("the shell ended", s -> s.contains("PROGRAM-ENDED-0"));
        }
        assertThat(Files.getPosixFilePermissions(dir.resolve("state").resolve("history")))
                .isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        try (Tmux again = launcher()) {
            awaitPrompt(again, PROMPT);
            again.keys("Up");
            again.await("shim:types recalled after the restart", s -> line(s, PROMPT).equals(PROMPT + " shim:types"));
        }
    }

    @Test
    void ctrlCEndsARunningCommandAndTheShellGoesOn() throws Exception {
        try (Tmux shell = launcher()) {
            awaitPrompt(shell, PROMPT);
            shell.type("shim:events").keys("Enter");
            Thread.sleep(500);
            shell.keys("C-c");
            shell.type("\"still here\"").keys("Enter");

            shell.await("the shell answers after Ctrl-C", s -> s.lines().anyMatch(l -> l.equals("still here")));
        }
    }

    @Test
    void ctlCompletesFromTheDaemonAndCtrlCEndsOnlyTheRunningCommand() throws Exception {
        Path state = dir.resolve("state");
        Process daemon = new ProcessBuilder(Launcher.javaCommand("-Dshimhost.state=" + state, "-jar",
                Launcher.jar().toAbsolutePath().toString(), "--daemon")).directory(dir.toFile())
                .redirectInput(new java.io.File("/dev/null")).redirectOutput(dir.resolve("daemon.out").toFile())
                .redirectError(dir.resolve("daemon.err").toFile()).start();
        try (Tmux ctl = Tmux.start(dir, "while [ ! -S " + state.resolve("shimhost.sock") + " ]; do sleep 0.1; done; "
                + CtlClient.java() + " -jar " + Launcher.jar().toAbsolutePath() + " ctl -s " + state.resolve("shimhost.sock"))) {
            awaitPrompt(ctl, CTL_PROMPT);
            ctl.type(KataStandIn.start(standIn, "-d -c c1 -t remote --env KATA_STANDIN_SLEEP=300")).keys("Enter");
            ctl.await("remote started", s -> s.contains("id=remote"));
            awaitPrompt(ctl, CTL_PROMPT);

            ctl.type("shim:sto").keys("Tab");
            ctl.await("shim:stop completed", s -> line(s, CTL_PROMPT).equals(CTL_PROMPT + " shim:stop"));
            ctl.keys("Tab");
            ctl.await("the running shim's id completed", s -> line(s, CTL_PROMPT).equals(CTL_PROMPT + " shim:stop remote"));
            ctl.keys("C-u").type("shim:events").keys("Enter");
            Thread.sleep(500);
            ctl.keys("C-c");
            ctl.type("shim:stop remote").keys("Enter");

            ctl.await("the session goes on after Ctrl-C", s -> s.contains("stopped pid"));
        } finally {
            daemon.destroy();
            daemon.waitFor();
        }
    }
}
