package io.shimhost.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How a cgroup's CPU time is read where this host's hierarchies cannot show it: cgroup v1's
 * {@code cpuacct.stat} in a cpu directory, as hosts that mount cpu and cpuacct together have it
 * (this one mounts them apart). The file is the kernel's format, in a directory of the test's.
 */
class ShimCgroupTest {

    @TempDir
    Path cpu;

    @Test
    void cpuTimeOnCgroupV1ComesFromCpuacctStatInUserHzTicks() throws Exception {
        Files.writeString(cpu.resolve("cpuacct.stat"), "user 150\nsystem 25\n");
        ShimCgroup cgroup = new ShimCgroup("/shimhost-cpu", true, Map.of("freezer", cpu.resolveSibling("f"), "cpu", cpu));

        assertThat(cgroup.cpuMicros()).hasValueSatisfying(c -> assertThat(c).containsExactly(1_500_000L, 250_000L));
    }

    @Test
    void aCpuDirectoryWithoutCpuacctHasNoCpuTime() {
        ShimCgroup cgroup = new ShimCgroup("/shimhost-cpu", true, Map.of("cpu", cpu));

        assertThat(cgroup.cpuMicros()).isEmpty();
    }
}
