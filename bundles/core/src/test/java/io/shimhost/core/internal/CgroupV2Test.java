package io.shimhost.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import io.shimhost.api.CgroupSpec;
import io.shimhost.api.ExitStatus;
import io.shimhost.api.NamespaceType;
import io.shimhost.api.ProcessSpec;
import io.shimhost.api.ResourceLimits;
import io.shimhost.api.StartFailedException;
import io.shimhost.api.Stdio;
import io.shimhost.api.SupervisedProcess;

/**
 * Shims' own cgroups on cgroup v2, on this host's v2 mount seen as a pure cgroup v2 host sees its
 * only hierarchy: the child is placed at the gate before its first instruction, a stop kills the
 * whole cgroup with {@code cgroup.kill}, and the cgroup is removed.
 */
class CgroupV2Test {

    private static final Duration PATIENCE = ProcessServiceExtension.PATIENCE;

    @RegisterExtension
    static final ProcessServiceExtension fixture = new ProcessServiceExtension(ProcessServiceExtension::cgroupV2Service);

    @TempDir
    Path dir;

    private static final CgroupSpec OWN = new CgroupSpec(CgroupSpec.Placement.OWN, "", ResourceLimits.none());

    private static Path v2Directory(SupervisedProcess shim) {
        return CgroupMounts.read().directory(CgroupMounts.V2, shim.cgroup().orElseThrow()).orElseThrow();
    }

    @Test
    void aShimRunsItsFirstInstructionInItsV2Cgroup() throws Exception {
        Path log = dir.resolve("log");
        SupervisedProcess shim = fixture.service().launch(ProcessSpec.builder(List.of("cat", "/proc/self/cgroup"))
                .stdio(Stdio.log(log)).launchId("v2-first-1").cgroup(OWN).build());

        assertThat(shim.waitFor(PATIENCE)).isEqualTo(ExitStatus.exited(0));
        assertThat(Files.readAllLines(log)).anyMatch(l -> l.startsWith("0::/") && l.endsWith("/shimhost-v2-first-1"));
    }

    @Test
    void aStopKillsTheWholeCgroupAndRemovesIt() throws Exception {
        Path child = dir.resolve("child");
        SupervisedProcess shim = fixture.service().launch(ProcessSpec.builder(List.of("/bin/sh", "-c",
                "setsid sh -c 'echo $$ > " + child + "; exec sleep 300' & exec sleep 300")).stdio(Stdio.discard())
                .launchId("v2-kill-1").cgroup(OWN).build());
        long grandchild = ProcessServiceExtension.awaitPid(child);
        Path cgroup = v2Directory(shim);
        assertThat(cgroup).isDirectory().hasFileName("shimhost-v2-kill-1");
        assertThat(cgroup.resolve("cgroup.kill")).exists();

        shim.stop();

        assertThat(shim.waitFor(PATIENCE)).isEqualTo(ExitStatus.killed(9));
        ProcessServiceExtension.awaitGone(grandchild);
        awaitMissing(cgroup);
    }

    @Test
    void aNamespacedStartIsPlacedInItsV2CgroupToo() throws Exception {
        SupervisedProcess isolated = fixture.service().launch(ProcessSpec.builder(List.of("sleep", "30"))
                .stdio(Stdio.discard()).launchId("v2-ns-1").createNamespace(NamespaceType.NET).cgroup(OWN).build());
        try {
            assertThat(CgroupMounts.read().pathsOf(Path.of("/proc", Long.toString(isolated.pid()))).get(CgroupMounts.V2))
                    .endsWith("/shimhost-v2-ns-1");
        } finally {
            isolated.stop();
            isolated.waitFor(PATIENCE);
        }
    }

    @Test
    void aStartThatFailsLeavesNoV2Cgroup() throws Exception {
        Path own = CgroupMounts.read().directory(CgroupMounts.V2, CgroupMounts.read().pathsOf(Path.of("/proc/self"))
                .get(CgroupMounts.V2)).orElseThrow();

        assertThatThrownBy(() -> fixture.service().launch(ProcessSpec.builder(List.of("/no/such/shim"))
                .launchId("v2-fails-1").cgroup(OWN).build())).isInstanceOf(StartFailedException.class)
                .hasMessageContaining("/no/such/shim");

        awaitMissing(own.resolve("shimhost-v2-fails-1"));
    }

    private static void awaitMissing(Path dir) throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (Files.exists(dir) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(dir).doesNotExist();
    }
}
