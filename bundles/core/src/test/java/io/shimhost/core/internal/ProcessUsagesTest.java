package io.shimhost.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.shimhost.api.ProcessUsage;

/** Usage read from /proc, of this very JVM: a real process with threads, memory and descriptors. */
class ProcessUsagesTest {

    private static final long SELF = ProcessHandle.current().pid();

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
