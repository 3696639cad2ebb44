package io.shimhost.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.shimhost.api.PseudoTerminal;
import io.shimhost.core.internal.PosixProcesses;

/**
 * kataShim in the launcher, black-box, with the stand-in for the kata-shim binary: Kata's
 * kata_shim_test.go cases (attached, detached, invalid path) and the supervision commands.
 */
class KataShimIT {

    @TempDir
    Path dir;

    private Path standIn;
    private Path record;

    @BeforeEach
    void standIn() throws IOException {
        standIn = KataStandIn.install(dir);
        record = dir.resolve("record");
    }

    private Launcher run(Map<String, String> env, String... lines) throws Exception {
        Path script = Files.write(dir.resolve("script.gogo"), List.of(lines));
        Launcher launcher = Launcher.start(dir, List.of(), env, script.toString());
        launcher.awaitExit();
        return launcher;
    }

    private String start(String options) {
        return KataStandIn.start(standIn, options);
    }

    @Test
    void anAttachedShimGetsKatasArgvAndItsOutputReachesTheFrameworksStdio() throws Exception {
        try (Launcher launcher = run(Map.of("KATA_STANDIN_RECORD", record.toString()),
                start("-c c1 -t exec-1 --terminal --config debug=true --console-url unix:///run/console.sock"),
                "shim:wait exec-1")) {
            assertThat(launcher.process().exitValue()).as(launcher.stderr()).isZero();
            assertThat(launcher.stdout()).contains("Some output on stdout").contains("exited 0");
            assertThat(launcher.stderr()).contains("Some output on stderr");
            assertThat(Files.readAllLines(record)).startsWith("arg=-agent", "arg=unix:///run/agent.sock",
                    "arg=-container", "arg=c1", "arg=-exec-id", "arg=exec-1", "arg=-terminal", "arg=-log",
                    "arg=debug", "arg=-agent-logs-socket", "arg=unix:///run/console.sock");
        }
    }

    @Test
    void aShimThatSignalsItsProcessGroupHurtsNeitherTheFrameworkNorAnotherShim() throws Exception {
        Files.writeString(dir.resolve("sleep"), "300");
        try (Launcher launcher = run(Map.of(), start("-d -c c1 -t bystander"),
                start("-c c1 -t attached-aborter --env KATA_STANDIN_GROUP_SIGNAL=ABRT"), "shim:wait attached-aborter",
                start("-d -c c1 -t detached-aborter --env KATA_STANDIN_GROUP_SIGNAL=ABRT"), "shim:wait detached-aborter",
                "shim:running bystander", "shim:stop bystander", "shim:wait bystander")) {
            assertThat(launcher.process().exitValue()).as(launcher.stderr()).isZero();
            assertThat(launcher.stdout()).containsSubsequence("killed SIGABRT", "killed SIGABRT", "true",
                    "killed SIGKILL");
        }
    }

    @Test
    void aShimGetsADefinedEnvironmentNotTheFrameworks() throws Exception {
        try (Launcher launcher = run(Map.of("KATA_STANDIN_RECORD", record.toString(), "SECRET_TOKEN", "hunter2",
                "LC_TIME", "C.UTF-8"), start("-d -c c1 -t env1 --env FOO=bar --env EMPTY="), "shim:wait env1")) {
            assertThat(launcher.process().exitValue()).as(launcher.stderr()).isZero();
            List<String> env = Files.readAllLines(record).stream().filter(l -> l.startsWith("env=")).toList();
            assertThat(env).contains("env=FOO=bar", "env=EMPTY=", "env=LC_TIME=C.UTF-8",
                    "env=KATA_STANDIN_RECORD=" + record).anyMatch(l -> l.startsWith("env=PATH="))
                    .anyMatch(l -> l.startsWith("env=SHIMHOST_LAUNCH_ID="))
                    .noneMatch(l -> l.contains("SECRET_TOKEN") || l.startsWith("env=HOME=") || l.startsWith("env=JAVA"));
        }
    }

    @Test
    void aShimLeadsAProcessGroupOfItsOwn() throws Exception {
        try (Launcher launcher = run(Map.of("KATA_STANDIN_RECORD", record.toString()), start("-d -c c1 -t g1"),
                "shim:wait g1")) {
            String pid = launcher.stdout().lines().filter(l -> l.startsWith("id=g1")).findFirst().orElseThrow()
                    .replaceAll(".*pid=", "");
            assertThat(Files.readAllLines(record)).contains("pid=" + pid, "pgrp=" + pid);
        }
    }

    /** With the JSON logging configuration that ships in conf/: one object per line, the fields as pairs. */
    @Test
    void exitsAndForgettingAreLoggedAtInfoWithTheShimsFieldsAsJsonLines() throws Exception {
        Path json = Path.of(Launcher.jar().toAbsolutePath().getParent().toString(), "conf", "logback-json.xml");
        Path script = Files.write(dir.resolve("script.gogo"), List.of(start("-d -c c9 -t three"), "shim:wait three",
                start("-d -c c9 -t killed --env KATA_STANDIN_EXIT=0 --env KATA_STANDIN_SLEEP=300"), "shim:stop killed", "shim:wait killed", "shim:forget three"));
        try (Launcher launcher = Launcher.start(dir, List.of("-Dlogback.configurationFile=" + json),
                Map.of("KATA_STANDIN_EXIT", "3", "KATA_STANDIN_SLEEP", "0"), script.toString())) {
            assertThat(launcher.awaitExit()).as(launcher.stderr()).isZero();
            List<String> lines = launcher.stderr().lines().toList();
            assertThat(lines).allSatisfy(l -> assertThat(l).startsWith("{").endsWith("}"));
            assertThat(lines).anySatisfy(l -> assertThat(l).contains("\"message\":\"Shim exited\"", "{\"id\":\"three\"}",
                    "{\"shim-type\":\"kataShim\"}", "{\"container\":\"c9\"}", "{\"exit-code\":\"3\"}"));
            assertThat(lines).anySatisfy(l -> assertThat(l).contains("\"message\":\"Shim exited\"", "{\"id\":\"killed\"}",
                    "{\"signal\":\"9\"}"));
            assertThat(lines).anySatisfy(l -> assertThat(l).contains("\"message\":\"Shim forgotten\"", "{\"id\":\"three\"}"));
            assertThat(lines.stream().filter(l -> l.contains("{\"id\":\"three\"}")).map(l -> l.replaceAll(".*\"message\":\"", "")))
                    .as("a shim's life in order").containsExactly("Shim started\"}", "Shim exited\"}", "Shim forgotten\"}");
        }
    }

    @Test
    void aDetachedShimsOutputGoesNowhere() throws Exception {
        try (Launcher launcher = run(Map.of(), start("-d -c c1 -t d1"), "shim:wait d1")) {
            assertThat(launcher.process().exitValue()).as(launcher.stderr()).isZero();
            assertThat(launcher.stdout()).doesNotContain("Some output").contains("exited 0");
            assertThat(launcher.stderr()).doesNotContain("Some output");
        }
    }

    @Test
    void theStandInRefusesAMissingFlagAsKatasMockShimDoes() throws Exception {
        Path bare = dir.resolve("bare.sh");
        Files.writeString(bare, "#!/bin/sh\nexec " + standIn + " -agent unix:///a\n");
        Files.setPosixFilePermissions(bare, PosixFilePermissions.fromString("rwxr-xr-x"));

        try (Launcher launcher = run(Map.of(), "shim:start -d -c c1 -t m1 -u unix:///a --config path=" + bare
                + " kataShim", "shim:wait m1")) {
            assertThat(launcher.stdout()).contains("exited 1");
        }
    }

    @Test
    void aShimOnAConsoleLeadsItsOwnSessionWithTheConsoleAsItsControllingTerminal() throws Exception {
        PosixProcesses processes = new PosixProcesses();
        AutoCloseable retire = processes::deactivate;
        try (retire; PseudoTerminal pty = processes.openPseudoTerminal();
                Launcher launcher = run(Map.of("KATA_STANDIN_RECORD", record.toString()),
                        start("-c c1 -t con1 --console " + pty.slave()), "shim:wait con1")) {
            assertThat(launcher.process().exitValue()).as(launcher.stderr()).isZero();
            String pid = launcher.stdout().lines().filter(l -> l.startsWith("id=con1")).findFirst().orElseThrow()
                    .replaceAll(".*pid=", "");
            long rdev = (Long) Files.getAttribute(pty.slave(), "unix:rdev");
            assertThat(Files.readAllLines(record)).contains("pid=" + pid, "session=" + pid, "tty_nr=" + rdev,
                    "stdin=" + pty.slave());
            assertThat(new String(pty.input().readAllBytes(), StandardCharsets.UTF_8))
                    .contains("Some output on stdout").contains("Some output on stderr");
            assertThat(launcher.stdout()).doesNotContain("Some output");
        }
    }

    @Test
    void aMissingConsoleFailsTheStartNamingIt() throws Exception {
        Path console = dir.resolve("no-such-pts");
        try (Launcher launcher = run(Map.of(), start("-c c1 --console " + console))) {
            assertThat(launcher.process().exitValue()).isEqualTo(1);
            assertThat(launcher.stderr()).contains(console.toString());
        }
    }

    @Test
    void anInvalidShimPathFailsTheStartNamingThePath() throws Exception {
        try (Launcher launcher = run(Map.of(),
                "shim:start -c c1 -u unix:///a --config path=/no/such/kata-shim kataShim")) {
            assertThat(launcher.process().exitValue()).isEqualTo(1);
            assertThat(launcher.stderr()).contains("/no/such/kata-shim").contains("No such file");
        }
    }

    @Test
    void kataChecksComeFirstAndNameTheMissingField() throws Exception {
        try (Launcher launcher = run(Map.of(), "shim:start -c c1 --config path=" + standIn + " kataShim")) {
            assertThat(launcher.process().exitValue()).isEqualTo(1);
            assertThat(launcher.stderr()).contains("URL cannot be empty");
        }
    }

    @Test
    void aRunningShimCanBeListedSignalledStoppedAndWaitedFor() throws Exception {
        try (Launcher launcher = run(Map.of("KATA_STANDIN_SLEEP", "30"),
                start("-d -c c1 -t s1"), start("-d -c c2 -t s2"),
                "shim:running s1", "shim:ps",
                "shim:signal s1 TERM", "shim:wait s1",
                "shim:stop s2", "shim:stop s2", "shim:wait -t 5 s2",
                "shim:running s2", "shim:ps")) {
            assertThat(launcher.process().exitValue()).as(launcher.stderr()).isZero();
            List<String> out = launcher.stdout().lines().toList();
            assertThat(out).contains("true", "killed SIGTERM", "killed SIGKILL", "false");
            assertThat(out).anySatisfy(l -> assertThat(l).startsWith("s1").contains("running"));
            assertThat(out).anySatisfy(l -> assertThat(l).startsWith("s2").contains("killed SIGKILL"));
        }
    }

    @Test
    void aGracefulStopEndsAShimWithSigtermWhenItExitsInTime() throws Exception {
        try (Launcher launcher = run(Map.of("KATA_STANDIN_SLEEP", "30"), start("-d -c c1 -t s1"), "shim:stop -t 10 s1")) {
            assertThat(launcher.process().exitValue()).as(launcher.stderr()).isZero();
            assertThat(launcher.stdout()).matches("(?s)id=s1 pid=(\\d+)\nstopped pid \\1 with SIGTERM: killed SIGTERM\n");
        }
    }

    @Test
    void aGracefulStopKillsAShimThatIgnoresSigtermOnceTheGraceIsOver() throws Exception {
        try (Launcher launcher = run(Map.of("KATA_STANDIN_SLEEP", "30", "KATA_STANDIN_IGNORE_TERM", "1"),
                start("-d -c c1 -t s1"), "shim:stop --timeout 0.5 s1", "shim:ps -q --filter state=killed")) {
            assertThat(launcher.process().exitValue()).as(launcher.stderr()).isZero();
            assertThat(launcher.stdout()).matches(
                    "(?s)id=s1 pid=(\\d+)\nstopped pid \\1 with SIGKILL after 0.5 s: killed SIGKILL\ns1\n");
        }
    }

    @Test
    void psListsOnlyTheShimsThatMatchEveryFilter() throws Exception {
        try (Launcher launcher = run(Map.of("KATA_STANDIN_SLEEP", "30"),
                start("-d -c c1 -t s1"), start("-d -c c2 -t s2"), "shim:start -c c1 -t n1 noopShim", "shim:stop s2",
                "shim:wait s2", "shim:ps -q --filter container=c1 --filter state=running", "shim:ps -q --filter type=noopShim",
                "shim:ps -q --filter state=killed --filter container=c2", "shim:ps -q --filter container=c3")) {
            assertThat(launcher.process().exitValue()).as(launcher.stderr()).isZero();
            assertThat(launcher.stdout().lines().skip(5).toList()).containsExactly("s1", "n1", "s2");
        }
    }

    @Test
    void aFilterOnAFieldOrStateThatDoesNotExistIsRefusedNamingIt() throws Exception {
        try (Launcher launcher = run(Map.of(), "shim:ps --filter pid=3")) {
            assertThat(launcher.process().exitValue()).isEqualTo(1);
            assertThat(launcher.stderr()).contains("Invalid filter \"pid=3\": no field \"pid\"; filter on type, container, sandbox, state");
        }
        try (Launcher launcher = run(Map.of(), "shim:ps --filter state=dead")) {
            assertThat(launcher.stderr()).contains("Invalid filter \"state=dead\": no state \"dead\"; a shim is running, exited, killed");
        }
    }

    @Test
    void signalsAndStopsAreLoggedWithKatasFieldsAndTheShimsTypeAndContainer() throws Exception {
        Path logback = Files.writeString(dir.resolve("logback.xml"), "<configuration>"
                + "<appender name='E' class='ch.qos.logback.core.ConsoleAppender'><target>System.err</target>"
                + "<encoder><pattern>%msg %kvp%n</pattern></encoder></appender>"
                + "<logger name='io.shimhost' level='INFO'/><root level='WARN'><appender-ref ref='E'/></root>"
                + "</configuration>");
        Path script = Files.write(dir.resolve("script.gogo"), List.of(start("-d -c c7 -t l1"),
                "shim:signal l1 CONT", "shim:stop l1", "shim:wait l1"));
        try (Launcher launcher = Launcher.start(dir, List.of("-Dlogback.configurationFile=" + logback),
                Map.of("KATA_STANDIN_SLEEP", "30"), script.toString())) {
            assertThat(launcher.awaitExit()).as(launcher.stderr()).isZero();
            String pid = launcher.stdout().lines().filter(l -> l.startsWith("id=l1")).findFirst().orElseThrow()
                    .replaceAll(".*pid=", "");
            assertThat(launcher.stderr().lines()).anySatisfy(l -> assertThat(l).startsWith("Signalling shim")
                    .contains("subsystem=\"shim\"", "shim-type=\"kataShim\"", "container=\"c7\"",
                            "shim-pid=\"" + pid + "\"", "shim-signal=\"18\""));
            assertThat(launcher.stderr().lines()).anySatisfy(l -> assertThat(l).startsWith("Stopping shim")
                    .contains("shim-pid=\"" + pid + "\"", "container=\"c7\""));
        }
    }

    @Test
    void aSecondShimEntersTheNamespacesTheFirstWasStartedInAndShimNsShowsThem() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "namespaces need root; CI runs as root");
        Path script = Files.write(dir.resolve("script.gogo"), List.of(
                start("-d -c c1 -t first --new-ns net,uts,ipc,pid"),
                "shim:ns first"));
        try (Launcher launcher = Launcher.start(dir, List.of(), Map.of("KATA_STANDIN_SLEEP", "30"),
                script.toString())) {
            assertThat(launcher.awaitExit()).as(launcher.stderr()).isZero();
            String out = launcher.stdout();
            assertThat(out.lines()).anySatisfy(l -> assertThat(l).matches("net\\s+\\d+\\s+differs"));
            assertThat(out.lines()).anySatisfy(l -> assertThat(l).matches("pid\\s+\\d+\\s+differs"));
            assertThat(out.lines()).anySatisfy(l -> assertThat(l).matches("mnt\\s+\\d+\\s+same"));
            kill(out.lines().filter(l -> l.startsWith("id=first")).findFirst().orElseThrow().replaceAll(".*pid=", ""));
        }
    }

    @Test
    void shimStartEntersAnotherShimsNamespacesByPid() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "namespaces need root; CI runs as root");
        Files.writeString(dir.resolve("sleep"), "30");
        Path first = Files.write(dir.resolve("first.gogo"), List.of(start("-d -c c1 -t first --new-ns net,uts,ipc,pid")));
        try (Launcher launcher = Launcher.start(dir, List.of(), Map.of(), first.toString())) {
            assertThat(launcher.awaitExit()).as(launcher.stderr()).isZero();
            String firstPid = launcher.stdout().strip().replaceAll(".*pid=", "");
            try {
                Path second = Files.write(dir.resolve("second.gogo"), List.of(
                        start("-d -c c2 -t second --enter-ns net=pid:" + firstPid + ",uts=pid:" + firstPid), "shim:ns second"));
                try (Launcher two = Launcher.start(dir, List.of(), Map.of(), second.toString())) {
                    assertThat(two.awaitExit()).as(two.stderr()).isZero();
                    String secondPid = two.stdout().lines().filter(l -> l.startsWith("id=second")).findFirst()
                            .orElseThrow().replaceAll(".*pid=", "");
                    for (String ns : List.of("net", "uts")) {
                        assertThat(Files.readSymbolicLink(Path.of("/proc/" + secondPid + "/ns/" + ns)))
                                .isEqualTo(Files.readSymbolicLink(Path.of("/proc/" + firstPid + "/ns/" + ns)));
                    }
                    assertThat(two.stdout().lines()).anySatisfy(l -> assertThat(l).matches("net\\s+\\d+\\s+differs"));
                    kill(secondPid);
                }
            } finally {
                kill(firstPid);
            }
        }
    }

    /** The launcher leaves its shims running when it exits; tests end theirs. */
    private static void kill(String pid) {
        ProcessHandle.of(Long.parseLong(pid)).ifPresent(ProcessHandle::destroyForcibly);
    }

    @Test
    void aWaitThatTimesOutIsAnErrorNamingThePidAndTheLimit() throws Exception {
        try (Launcher launcher = run(Map.of("KATA_STANDIN_SLEEP", "30"), start("-d -c c1 -t w1"),
                "shim:wait -t 0.2 w1")) {
            assertThat(launcher.process().exitValue()).isEqualTo(1);
            assertThat(launcher.stderr()).containsPattern("pid \\d+ still running after 200 ms");
            kill(launcher.stdout().strip().replaceAll(".*pid=", ""));
        }
    }
}
