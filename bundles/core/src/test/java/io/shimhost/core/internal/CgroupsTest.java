package io.shimhost.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import io.shimhost.api.CgroupSpec;
import io.shimhost.api.ExitStatus;
import io.shimhost.api.ProcessPlan;
import io.shimhost.api.ProcessSpec;
import io.shimhost.api.ResourceLimits;
import io.shimhost.api.StartFailedException;
import io.shimhost.api.Stdio;
import io.shimhost.api.SupervisedProcess;

/**
 * Shims' cgroups on this host's real hierarchies, a "hybrid" one (cgroup v1 controllers, and a
 * controller-less cgroup v2 mount that a shim's own cgroup does not use): placement before the first
 * instruction, limits the kernel enforces, OOM kills reported, a stop that kills the whole cgroup,
 * and its removal. {@link CgroupV2Test} has the same on the v2 mount, as a pure cgroup v2 host uses it.
 */
class CgroupsTest {

    private static final Duration PATIENCE = ProcessServiceExtension.PATIENCE;
    private static final long MIB = 1024 * 1024;

    @RegisterExtension
    static final ProcessServiceExtension fixture = new ProcessServiceExtension();

    @TempDir
    Path dir;

    private static SupervisedProcess launch(CgroupSpec cgroup, String launchId, Stdio stdio, String script) throws Exception {
        return fixture.service().launch(ProcessSpec.builder(List.of("/bin/sh", "-c", script)).stdio(stdio)
                .launchId(launchId).cgroup(cgroup).build());
    }

    private static CgroupSpec own(ResourceLimits limits) {
        return new CgroupSpec(CgroupSpec.Placement.OWN, "", limits);
    }

    private static Map<String, String> cgroupsOf(long pid) {
        return CgroupMounts.read().pathsOf(Path.of("/proc", Long.toString(pid)));
    }

    @Test
    void aShimOfItsOwnCgroupRunsItsFirstInstructionInIt() throws Exception {
        Path log = dir.resolve("log");
        SupervisedProcess shim = fixture.service().launch(ProcessSpec.builder(List.of("cat", "/proc/self/cgroup"))
                .stdio(Stdio.log(log)).launchId("first-1").cgroup(own(new ResourceLimits(64 * MIB, 0, 0))).build());

        assertThat(shim.waitFor(PATIENCE)).isEqualTo(ExitStatus.exited(0));
        assertThat(Files.readAllLines(log)).anyMatch(l -> l.contains(":freezer:/") && l.endsWith("/shimhost-first-1"))
                .anyMatch(l -> l.contains(":memory:/") && l.endsWith("/shimhost-first-1"))
                .contains(v2LineOf("self"));
    }

    @Test
    void theLaunchingThreadIsBackInTheFrameworksCgroupsAfterAStart() throws Exception {
        SupervisedProcess shim = launch(own(new ResourceLimits(64 * MIB, 16, 100)), "home-1", Stdio.discard(), "exec sleep 30");
        try {
            Path spawning = Path.of("/proc/self/task", Long.toString(fixture.service().spawningThreadId()));

            assertThat(CgroupMounts.read().pathsOf(spawning)).isEqualTo(CgroupMounts.read().pathsOf(Path.of("/proc/self")));
        } finally {
            shim.stop();
            shim.waitFor(PATIENCE);
        }
    }

    /** The cgroup v2 line of /proc/PID/cgroup. */
    private static String v2LineOf(String pid) throws Exception {
        return Files.readAllLines(Path.of("/proc", pid, "cgroup")).stream().filter(l -> l.startsWith("0::")).findFirst()
                .orElseThrow();
    }

    @Test
    void theShimsCgroupIsNamedForItsLaunchAndRemovedAfterItEnds() throws Exception {
        SupervisedProcess shim = launch(own(ResourceLimits.none()), "removed-1", Stdio.discard(), "sleep 30");
        Path freezer = CgroupMounts.read().directory("freezer", shim.cgroup().orElseThrow()).orElseThrow();
        assertThat(freezer).isDirectory().hasFileName("shimhost-removed-1");
        assertThat(shim.ownsCgroup()).isTrue();

        shim.stop();

        assertThat(shim.waitFor(PATIENCE)).isEqualTo(ExitStatus.killed(9));
        awaitMissing(freezer);
    }

    @Test
    void aStopKillsEverythingInTheCgroupEvenWhatLeftTheProcessGroup() throws Exception {
        Path child = dir.resolve("child");
        SupervisedProcess shim = launch(own(ResourceLimits.none()), "escape-1", Stdio.discard(),
                escapee(child) + "exec sleep 300");
        long grandchild = awaitEscapee(child);

        shim.stop();

        assertThat(shim.waitFor(PATIENCE)).isEqualTo(ExitStatus.killed(9));
        ProcessServiceExtension.awaitGone(grandchild);
    }

    @Test
    void whatAShimLeavesInItsCgroupWhenItExitsIsKilledWithIt() throws Exception {
        Path child = dir.resolve("child");
        SupervisedProcess shim = launch(own(ResourceLimits.none()), "leaves-1", Stdio.discard(),
                escapee(child) + "until [ -s " + child + " ]; do sleep 0.01; done");
        long grandchild = ProcessServiceExtension.awaitPid(child);

        assertThat(shim.waitFor(PATIENCE)).isEqualTo(ExitStatus.exited(0));

        ProcessServiceExtension.awaitGone(grandchild);
    }

    @Test
    void aShimPastItsMemoryLimitIsReportedOomKilled() throws Exception {
        // tail keeps a line that never ends in memory: /dev/zero has no newline
        SupervisedProcess shim = launch(own(new ResourceLimits(16 * MIB, 0, 0)), "oom-1", Stdio.discard(),
                "exec tail /dev/zero");

        assertThat(shim.waitFor(PATIENCE)).isEqualTo(ExitStatus.oomKilled());
    }

    @Test
    void aShimCannotForkPastItsPidsLimit() throws Exception {
        Path log = dir.resolve("log");
        SupervisedProcess shim = launch(own(new ResourceLimits(0, 3, 0)), "pids-1", Stdio.log(log),
                "sh -c 'for i in 1 2 3 4 5 6; do sleep 30 & done'; echo forked; exec sleep 30");
        try {
            awaitLine(log, "forked");
            Path pids = CgroupMounts.read().directory("pids", cgroupsOf(shim.pid()).get("pids")).orElseThrow();
            assertThat(pids.getFileName().toString()).isEqualTo("shimhost-pids-1");
            assertThat(Long.parseLong(Files.readString(pids.resolve("pids.current")).strip())).isLessThanOrEqualTo(3);
            assertThat(Files.readString(pids.resolve("pids.events"))).doesNotContain("max 0");
            assertThat(Files.readString(log)).containsIgnoringCase("fork");
        } finally {
            shim.stop();
            shim.waitFor(PATIENCE);
        }
    }

    @Test
    void aPidsLimitCountsTheShimsProcessesOnlyNotTheThreadThatPlacedIt() throws Exception {
        Path log = dir.resolve("log");
        // perl (Debian's perl-base) goes on after a failed fork, where a shell gives up
        SupervisedProcess shim = fixture.service().launch(ProcessSpec.builder(List.of("perl", "-e",
                "$| = 1; print defined(fork()) ? \"forked\\n\" : \"cannot fork\\n\"; sleep 30")).stdio(Stdio.log(log))
                .launchId("pids-2").cgroup(own(new ResourceLimits(0, 1, 0))).build());
        try {
            awaitLine(log, "fork");
            Path pids = CgroupMounts.read().directory("pids", cgroupsOf(shim.pid()).get("pids")).orElseThrow();

            assertThat(Files.readString(log)).isEqualTo("cannot fork\n");
            assertThat(Files.readString(pids.resolve("pids.max")).strip()).isEqualTo("1");
            assertThat(Files.readString(pids.resolve("pids.current")).strip()).isEqualTo("1");
        } finally {
            shim.stop();
            shim.waitFor(PATIENCE);
        }
    }

    @Test
    void theCpuWeightBecomesCpuSharesOnCgroupV1() throws Exception {
        SupervisedProcess shim = launch(own(new ResourceLimits(0, 0, 200)), "cpu-1", Stdio.discard(), "exec sleep 30");
        try {
            Path cpu = CgroupMounts.read().directory("cpu", cgroupsOf(shim.pid()).get("cpu")).orElseThrow();
            assertThat(Files.readString(cpu.resolve("cpu.shares")).strip()).isEqualTo("2048");
        } finally {
            shim.stop();
            shim.waitFor(PATIENCE);
        }
    }

    @Test
    void aShimJoinsAnExistingCgroupWhichItsStopLeaves() throws Exception {
        Path sandbox = CgroupMounts.read().unified().orElseThrow().resolve("shimhost-test-sandbox");
        Files.createDirectories(sandbox);
        try {
            SupervisedProcess shim = launch(new CgroupSpec(CgroupSpec.Placement.JOIN, "/shimhost-test-sandbox",
                    ResourceLimits.none()), "join-1", Stdio.discard(), "exec sleep 30");
            assertThat(cgroupsOf(shim.pid())).containsEntry(CgroupMounts.V2, "/shimhost-test-sandbox");
            assertThat(shim.ownsCgroup()).isFalse();

            shim.stop();

            assertThat(shim.waitFor(PATIENCE)).isEqualTo(ExitStatus.killed(9));
            assertThat(sandbox).isDirectory();
        } finally {
            awaitRemoved(sandbox);
        }
    }

    @Test
    void anAdoptedShimIsFoundInItsOwnCgroupAndItsStopKillsItWhole() throws Exception {
        Path child = dir.resolve("child");
        SupervisedProcess shim = launch(own(new ResourceLimits(64 * MIB, 0, 0)), "adopted-1", Stdio.discard(),
                escapee(child) + "exec sleep 300");
        long grandchild = awaitEscapee(child);
        PosixProcesses later = ProcessServiceExtension.newService();
        try {
            SupervisedProcess adopted = later.adoptLaunched(java.util.Set.of("adopted-1")).get("adopted-1");
            assertThat(adopted.cgroup()).isEqualTo(shim.cgroup());
            assertThat(adopted.ownsCgroup()).isTrue();

            adopted.stop();

            ProcessServiceExtension.awaitGone(grandchild);
            assertThat(shim.waitFor(PATIENCE)).isEqualTo(ExitStatus.killed(9));
        } finally {
            later.deactivate();
        }
    }

    @Test
    void aNamespacedStartInACgroupLeavesTheNextStartInTheFrameworksNamespaces() throws Exception {
        SupervisedProcess isolated = fixture.service().launch(ProcessSpec.builder(List.of("sleep", "30")).stdio(Stdio.discard())
                .launchId("ns-1").createNamespace(io.shimhost.api.NamespaceType.NET).cgroup(own(ResourceLimits.none())).build());
        SupervisedProcess next = launch(own(ResourceLimits.none()), "ns-2", Stdio.discard(), "exec sleep 30");
        try {
            assertThat(cgroupsOf(isolated.pid()).get("freezer")).endsWith("/shimhost-ns-1");
            assertThat(Files.readSymbolicLink(Path.of("/proc", Long.toString(isolated.pid()), "ns", "net")))
                    .isNotEqualTo(Files.readSymbolicLink(Path.of("/proc/self/ns/net")));
            assertThat(Files.readSymbolicLink(Path.of("/proc", Long.toString(next.pid()), "ns", "net")))
                    .isEqualTo(Files.readSymbolicLink(Path.of("/proc/self/ns/net")));
        } finally {
            isolated.stop();
            next.stop();
            isolated.waitFor(PATIENCE);
            next.waitFor(PATIENCE);
        }
    }

    @Test
    void aStartThatFailsLeavesNoCgroup() throws Exception {
        Path freezer = CgroupMounts.read().directory("freezer", CgroupMounts.read().pathsOf(Path.of("/proc/self"))
                .get("freezer")).orElseThrow();
        assertThatThrownBy(() -> fixture.service().launch(ProcessSpec.builder(List.of("/no/such/shim")).launchId("fails-1")
                .cgroup(own(ResourceLimits.none())).build())).isInstanceOf(StartFailedException.class)
                .hasMessageContaining("/no/such/shim");

        awaitMissing(freezer.resolve("shimhost-fails-1"));
    }

    @Test
    void aLimitWithoutItsControllerIsRefusedInOneLineNamingIt() {
        CgroupMounts v2Only = new CgroupMounts(CgroupMounts.read().unified(), "/", Map.of(), Map.of());
        Cgroups cgroups = new Cgroups(ProcessServiceExtension.libc(), v2Only, Map.of(CgroupMounts.V2, "/"));

        assertThatThrownBy(() -> cgroups.plan(own(new ResourceLimits(64 * MIB, 0, 0)), "refused-1"))
                .isInstanceOf(StartFailedException.class)
                .hasMessageStartingWith("Cannot enforce the memory limit: the memory controller is not offered to")
                .hasMessageContaining("Delegate=yes").hasMessageNotContaining("\n");
    }

    @Test
    void aPlanNamesTheDirectoriesAndCreatesNothing() throws Exception {
        ProcessPlan plan = fixture.service().plan(ProcessSpec.builder(List.of("true")).launchId("plan-1")
                .cgroup(own(new ResourceLimits(64 * MIB, 0, 0))).build());

        assertThat(plan.cgroup().limits().memoryBytes()).isEqualTo(64 * MIB);
        assertThat(plan.cgroupDirectories()).hasSize(2).allMatch(d -> d.endsWith("/shimhost-plan-1"))
                .allMatch(d -> !Files.exists(Path.of(d)));
    }

    @Test
    void onCgroupV1AloneTheFreezerKillsEveryProcessInTheCgroup() throws Exception {
        CgroupMounts mounts = CgroupMounts.read();
        Path freezer = mounts.v1().get("freezer").resolve("shimhost-freezer-1");
        Files.createDirectory(freezer);
        ShimCgroup cgroup = new ShimCgroup("/shimhost-freezer-1", true, Map.of("freezer", freezer));
        SupervisedProcess first = launch(CgroupSpec.none(), "", Stdio.discard(), "exec sleep 300");
        SupervisedProcess second = launch(CgroupSpec.none(), "", Stdio.discard(), "exec sleep 300");
        cgroup.admit(ProcessServiceExtension.libc(), first.pid());
        cgroup.admit(ProcessServiceExtension.libc(), second.pid());

        cgroup.kill(ProcessServiceExtension.libc());

        assertThat(first.waitFor(PATIENCE)).isEqualTo(ExitStatus.killed(9));
        assertThat(second.waitFor(PATIENCE)).isEqualTo(ExitStatus.killed(9));
        assertThat(Files.readString(freezer.resolve("freezer.state")).strip()).isEqualTo("THAWED");
        awaitRemoved(freezer);
    }

    /** A script that starts a sleep in a session of its own, out of the shim's process group, and writes its pid. */
    private static String escapee(Path pidFile) {
        return "setsid sh -c 'echo $$ > " + pidFile + "; exec sleep 300' &\n";
    }

    private static long awaitEscapee(Path pidFile) throws Exception {
        long pid = ProcessServiceExtension.awaitPid(pidFile);
        awaitNewSession(pid);
        return pid;
    }

    private static void awaitNewSession(long pid) throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (ProcessStat.processGroup(pid).orElse(-1) != pid && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(ProcessStat.processGroup(pid)).as("process group of %d", pid).hasValue(pid);
    }

    /** dash writes "Cannot fork" without a newline: the text is looked for, not a line. */
    private static void awaitLine(Path log, String line) throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(log) && Files.readString(log).contains(line)) {
                return;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("no " + line + " in " + log + ": " + (Files.exists(log) ? Files.readString(log) : "(none)"));
    }

    private static void awaitMissing(Path dir) throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (Files.exists(dir) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(dir).doesNotExist();
    }

    /** Removes a cgroup the test made, once its processes are gone. */
    private static void awaitRemoved(Path dir) throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (true) {
            try {
                Files.deleteIfExists(dir);
                return;
            } catch (java.io.IOException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(10);
            }
        }
    }

}
