package io.shimhost.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.shimhost.api.ProcessSpec;
import io.shimhost.api.ProcessUsage;
import io.shimhost.api.Stdio;
import io.shimhost.api.SupervisedProcess;

/** Usage read from /proc, of this very JVM (a real process with threads, memory and descriptors) and of a child. */
class ProcessUsagesTest {

    private static final long SELF = ProcessHandle.current().pid();

    @RegisterExtension
    static final ProcessServiceExtension fixture = new ProcessServiceExtension();

    @Test
    void aRunningProcessShowsItsCpuMemoryThreadsAndDescriptors() {
        long start = ProcessStat.startTime(SELF).orElseThrow();

        ProcessUsage usage = ProcessUsages.read(SELF, start).orElseThrow();

        assertThat(usage.cpuUser().plus(usage.cpuSystem())).isGreaterThan(Duration.ZERO);
        assertThat(usage.residentBytes()).isGreaterThan(1 << 20);
        assertThat(usage.threads()).isGreaterThan(1);
        assertThat(usage.descriptors()).isGreaterThan(2);
        assertThat(usage.readBytes()).isNotNegative();
    }

    @Test
    void aChildWithItsStdioAloneHasThreeDescriptors() throws Exception {
        SupervisedProcess sleep = fixture.service().launch(ProcessSpec.builder(List.of("sleep", "30"))
                .stdio(Stdio.discard()).build());
        try {
            assertThat(ProcessUsages.read(sleep.pid(), sleep.startTicks().orElseThrow()).orElseThrow().descriptors())
                    .isEqualTo(3);
        } finally {
            sleep.stop();
            sleep.waitFor(ProcessServiceExtension.PATIENCE);
        }
    }

    @Test
    void anotherStartTimeIsAnotherProcessAndShowsNothing() {
        long start = ProcessStat.startTime(SELF).orElseThrow();

        assertThat(ProcessUsages.read(SELF, start + 1)).isEmpty();
    }

    @Test
    void noSuchProcessShowsNothing() {
        assertThat(ProcessUsages.read(Integer.MAX_VALUE, 0)).isEmpty();
        assertThat(ProcessUsages.read(0, 0)).isEmpty();
    }
}
