package io.shimhost.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import io.shimhost.api.ExitStatus;
import io.shimhost.api.ProcessSpec;
import io.shimhost.api.ShimException;
import io.shimhost.api.Stdio;
import io.shimhost.api.SupervisedProcess;

/**
 * Adopting a running process this JVM did not start, by pid and recorded start time (what a
 * restarted framework does with the shims it finds): verified identity, exit noticed, status
 * unknown, and a pid that now names another process is refused and never signalled.
 */
class AdoptionTest {

    private static final Duration PATIENCE = ProcessServiceExtension.PATIENCE;

    @RegisterExtension
    static final ProcessServiceExtension fixture = new ProcessServiceExtension();

    @TempDir
    Path dir;

    private long orphan;

    @AfterEach
    void killOrphan() {
        if (orphan > 0) {
            ProcessHandle.of(orphan).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    /** A sleep whose parent has exited: not a child of this JVM, like a shim after a restart. */
    private long orphanSleep() throws Exception {
        Path pidFile = dir.resolve("pid");
        fixture.service().launch(ProcessSpec.builder(List.of("/bin/sh", "-c",
                "sleep 30 & echo $! > " + pidFile + ".tmp && mv " + pidFile + ".tmp " + pidFile))
                .stdio(Stdio.discard()).build()).waitFor(PATIENCE);
        orphan = Long.parseLong(Files.readString(pidFile).strip());
        return orphan;
    }

    @Test
    void aProcessWithTheRecordedStartTimeIsSupervisedAndItsExitNoticedWithStatusUnknown() throws Exception {
        long pid = orphanSleep();
        long startTime = fixture.service().startTimeOf(pid).orElseThrow();

        SupervisedProcess adopted = fixture.service().adopt(pid, startTime);

        assertThat(adopted.pid()).isEqualTo(pid);
        assertThat(adopted.isRunning()).isTrue();
        adopted.signal(15);
        assertThat(adopted.waitFor(PATIENCE)).isEqualTo(ExitStatus.unknown());
        assertThat(adopted.isRunning()).isFalse();
    }

    @Test
    void aPidWhoseStartTimeDiffersIsRefusedAndNotSignalled() throws Exception {
        long pid = orphanSleep();
        long startTime = fixture.service().startTimeOf(pid).orElseThrow();

        assertThatThrownBy(() -> fixture.service().adopt(pid, startTime - 1))
                .isInstanceOf(ShimException.class).hasMessageContaining("pid " + pid)
                .hasMessageContaining("another process");
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).contains(true);
    }

    @Test
    void aPidThatIsGoneIsRefused() throws Exception {
        long pid = orphanSleep();
        long startTime = fixture.service().startTimeOf(pid).orElseThrow();
        ProcessHandle.of(pid).orElseThrow().destroyForcibly();
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (Files.exists(Path.of("/proc/" + pid)) && System.nanoTime() < deadline) {
            Thread.sleep(5); // until its new parent has reaped it
        }

        assertThatThrownBy(() -> fixture.service().adopt(pid, startTime))
                .isInstanceOf(ShimException.class).hasMessageContaining("pid " + pid);
    }

    @Test
    void thereIsNoStartTimeForAProcessThatDoesNotExist() {
        assertThat(fixture.service().startTimeOf(999_999_999)).isEmpty();
    }

    @Test
    void aLaunchIsFoundByItsIdAndAdoptedByAnotherService() throws Exception {
        SupervisedProcess launched = fixture.service().launch(ProcessSpec.builder(List.of("sleep", "30"))
                .stdio(Stdio.discard()).launchId("launch-1").build());
        PosixProcesses restarted = ProcessServiceExtension.newService();
        try {
            Map<String, SupervisedProcess> found = restarted.adoptLaunched(Set.of("launch-1", "launch-never"));

            assertThat(found).containsOnlyKeys("launch-1");
            SupervisedProcess adopted = found.get("launch-1");
            assertThat(adopted.pid()).isEqualTo(launched.pid());
            assertThat(adopted.isRunning()).isTrue();
            launched.stop();
            assertThat(adopted.waitFor(PATIENCE)).isEqualTo(ExitStatus.unknown());
        } finally {
            launched.stop();
            restarted.deactivate();
        }
    }

    @Test
    void aChildThatInheritedTheLaunchIdIsNotTakenForTheLaunchedProcess() throws Exception {
        Path pidFile = dir.resolve("child");
        SupervisedProcess launched = fixture.service().launch(ProcessSpec.builder(List.of("/bin/sh", "-c",
                "sleep 30 & echo $! > " + pidFile + ".tmp && mv " + pidFile + ".tmp " + pidFile + "; exec sleep 30"))
                .stdio(Stdio.discard()).launchId("launch-2").build());
        try {
            while (!Files.exists(pidFile)) {
                Thread.sleep(5);
            }
            orphan = Long.parseLong(Files.readString(pidFile).strip());
            assertThat(LaunchedProcesses.launchIdOf(orphan)).contains("launch-2");

            assertThat(LaunchedProcesses.find(Set.of("launch-2"))).containsExactly(Map.entry("launch-2", launched.pid()));
        } finally {
            launched.stop();
            launched.waitFor(PATIENCE);
        }
    }

    @Test
    void theServiceAlreadySupervisingALaunchReturnsItWithItsRealStatus() throws Exception {
        SupervisedProcess launched = fixture.service().launch(ProcessSpec.builder(List.of("/bin/sh", "-c", "sleep 0.2; exit 7"))
                .stdio(Stdio.discard()).launchId("launch-3").build());

        SupervisedProcess same = fixture.service().adoptLaunched(Set.of("launch-3")).get("launch-3");

        assertThat(same).isSameAs(launched);
        assertThat(same.waitFor(PATIENCE)).isEqualTo(ExitStatus.exited(7));
    }
}
