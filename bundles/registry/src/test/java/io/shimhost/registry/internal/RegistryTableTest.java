package io.shimhost.registry.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import io.shimhost.api.ExitStatus;
import io.shimhost.api.InvalidParameterException;
import io.shimhost.api.SandboxConfig;
import io.shimhost.api.ShimException;
import io.shimhost.api.ShimParams;
import io.shimhost.api.ShimType;
import io.shimhost.api.SupervisedProcess;
import io.shimhost.api.registry.ShimRecord;
import io.shimhost.api.registry.ShimRecord.Supervision;
import io.shimhost.core.internal.PosixProcesses;

/**
 * The registry's durable table across a restart, with real processes: what a registry finds in
 * its state folder, and what it makes of each recorded shim once a process service is there.
 */
class RegistryTableTest {

    @TempDir
    Path state;

    @RegisterExtension
    final RestartFixture restart = new RestartFixture();

    /** Launched the sleeps; adopting with it finds its own handle. */
    private PosixProcesses processes;
    /** Another framework's process service: it did not launch the sleep, so it adopts for real. */
    private PosixProcesses afterRestart;
    private Registry registry;
    private SupervisedProcess sleep;

    @BeforeEach
    void services() {
        processes = restart.previous();
        afterRestart = restart.next();
    }

    @AfterEach
    void deactivate() {
        if (registry != null) {
            registry.deactivate();
        }
    }

    /** The table a previous framework left: written as that framework's registry would. */
    private void recorded(ShimRow... rows) throws IOException {
        RestartFixture.recorded(state, rows);
    }

    private ShimRow runningSleep(String token) throws ShimException {
        sleep = restart.sleep();
        return RestartFixture.running(token, "c1", sleep);
    }

    private ShimRecord record(String token) {
        return registry.record(token).orElseThrow();
    }

    @Test
    void aRecordedShimWhoseProcessRunsIsAdoptedAndItsExitNoticed() throws Exception {
        recorded(runningSleep("s1"));
        registry = new Registry(state);
        registry.setProcesses(afterRestart);

        assertThat(record("s1").supervision()).isEqualTo(Supervision.ADOPTED);
        assertThat(record("s1").shim().isRunning()).isTrue();
        record("s1").shim().stop();
        assertThat(record("s1").shim().waitFor(Duration.ofSeconds(5))).isEqualTo(ExitStatus.unknown());
    }

    @Test
    void aRecordedPidNowNamingAnotherProcessIsLostAndThatProcessIsNotSignalled() throws Exception {
        ShimRow row = runningSleep("s1");
        recorded(new ShimRow("s1", row.type(), row.container(), row.sandbox(), row.pid(), row.ticks() - 1,
                Map.of(), row.started(), ShimRow.State.RUNNING, null));
        registry = new Registry(state);
        registry.setProcesses(processes);

        ShimRecord lost = record("s1");
        assertThat(lost.supervision()).isEqualTo(Supervision.LOST);
        lost.shim().stop();
        lost.shim().signal(15);
        assertThat(sleep.isRunning()).isTrue();
    }

    @Test
    void aRecordedShimWhoseProcessIsGoneIsShownEndedWithStatusUnknown() throws Exception {
        ShimRow row = runningSleep("s1");
        sleep.stop();
        sleep.waitFor();
        recorded(row);
        registry = new Registry(state);
        registry.setProcesses(processes);

        assertThat(record("s1").supervision()).isEqualTo(Supervision.ENDED);
        assertThat(record("s1").shim().exitStatus()).contains(ExitStatus.unknown());
    }

    /** Start times count from boot: a pid and start time of another boot may match a stranger now. */
    @Test
    void aRecordFromAnotherBootIsEndedAndItsPidNotSignalled() throws Exception {
        ShimRow row = runningSleep("s1");
        recorded(new ShimRow("s1", row.type(), row.container(), row.sandbox(), row.pid(), row.ticks(), Map.of(),
                row.started(), ShimRow.State.RUNNING, null, "an-earlier-boot", 0));
        registry = new Registry(state);
        registry.setProcesses(afterRestart);

        assertThat(record("s1").supervision()).isEqualTo(Supervision.ENDED);
        record("s1").shim().stop();
        assertThat(sleep.isRunning()).isTrue();
    }

    @Test
    void aRecordFromAnotherPidNamespaceIsLost() throws Exception {
        ShimRow row = runningSleep("s1");
        recorded(new ShimRow("s1", row.type(), row.container(), row.sandbox(), row.pid(), row.ticks(), Map.of(),
                row.started(), ShimRow.State.RUNNING, null, afterRestart.bootId(), 4026531836L + 7));
        registry = new Registry(state);
        registry.setProcesses(afterRestart);

        assertThat(record("s1").supervision()).isEqualTo(Supervision.LOST);
        assertThat(sleep.isRunning()).isTrue();
    }

    @Test
    void aRecordOfThisBootAndPidNamespaceIsAdopted() throws Exception {
        ShimRow row = runningSleep("s1");
        Host host = Host.of(afterRestart);
        recorded(new ShimRow("s1", row.type(), row.container(), row.sandbox(), row.pid(), row.ticks(), Map.of(),
                row.started(), ShimRow.State.RUNNING, null, host.boot(), host.pidNamespace()));
        registry = new Registry(state);
        registry.setProcesses(afterRestart);

        assertThat(host.boot()).isNotEmpty();
        assertThat(record("s1").supervision()).isEqualTo(Supervision.ADOPTED);
    }

    @Test
    void withoutAProcessServiceARunningRecordWaitsUnverifiedAndCannotBeSignalled() throws Exception {
        recorded(runningSleep("s1"));
        registry = new Registry(state);

        assertThat(record("s1").supervision()).isEqualTo(Supervision.UNVERIFIED);
        assertThatThrownBy(() -> record("s1").shim().signal(15)).isInstanceOf(ShimException.class)
                .hasMessageContaining("not verified yet").hasMessageContaining("start the core bundle");
        assertThatThrownBy(() -> registry.forget("s1")).isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("not verified yet");

        registry.setProcesses(processes);
        assertThat(record("s1").supervision()).isEqualTo(Supervision.ADOPTED);
    }

    @Test
    void theOutcomeOfAnAdoptionIsWrittenBack() throws Exception {
        ShimRow row = runningSleep("s1");
        recorded(row.ended(ExitStatus.exited(3)), new ShimRow("s2", row.type(), row.container(), row.sandbox(),
                row.pid(), row.ticks() + 5, Map.of(), row.started(), ShimRow.State.RUNNING, null));
        registry = new Registry(state);
        registry.setProcesses(processes);
        registry.deactivate();
        registry = new Registry(state);

        assertThat(record("s1").supervision()).isEqualTo(Supervision.ENDED);
        assertThat(record("s1").shim().exitStatus()).contains(ExitStatus.exited(3));
        assertThat(record("s2").supervision()).isEqualTo(Supervision.LOST);
    }

    @Test
    void endedAndLostRecordsAreForgottenRunningOnesRefused() throws Exception {
        ShimRow row = runningSleep("s1");
        recorded(row, row.ended(ExitStatus.exited(0)).withToken("s2"), row.lost().withToken("s3"));
        registry = new Registry(state);
        registry.setProcesses(processes);

        assertThatThrownBy(() -> registry.forget("s1")).isInstanceOf(InvalidParameterException.class)
                .hasMessage("Shim s1 (pid " + row.pid() + ") is running: stop it before forgetting it");
        assertThat(registry.forget("s2").shim().token()).isEqualTo("s2");
        assertThat(registry.forgetEnded()).extracting(r -> r.shim().token()).containsExactly("s3");
        registry.deactivate();
        registry = new Registry(state);
        assertThat(registry.table()).extracting(r -> r.shim().token()).containsExactly("s1");
    }

    @Test
    void aTokenRecordedBeforeARestartCannotBeUsedAgain() throws Exception {
        recorded(new ShimRow("t1", "noopShim", "", "sb", 0, -1, Map.of(), Instant.now(), ShimRow.State.ENDED,
                ExitStatus.noProcess()));
        registry = new Registry(state);

        assertThatThrownBy(() -> registry.start(SandboxConfig.of("sb", ShimType.NOOP,
                Map.of()), ShimParams.builder().token("t1").build()))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("\"t1\" was started already");
    }

    @Test
    void theLiveShimOfADamagedLineIsFoundAgainByItsLaunchIdAndAdopted() throws Exception {
        SupervisedProcess launched = restart.sleepLaunchedAs("launch-7");
        ShimRow row = new ShimRow("s1", "kataShim", "c1", "sb", launched.pid(), launched.startTicks().orElseThrow(),
                Map.of(), launched.startTime(), ShimRow.State.RUNNING, null, "", 0, "launch-7");
        recorded(row, runningSleep("s2"));
        Path table = state.resolve(TableFile.NAME);
        String text = java.nio.file.Files.readString(table);
        // a torn write: the pid and start time of s1's line are gone, its checksum fails, its launch id is still there
        java.nio.file.Files.writeString(table, text.replaceFirst("&pid=[0-9]+&ticks=[0-9]+", "&pid=\u0000\u0000"));

        registry = new Registry(state);
        registry.setProcesses(afterRestart);

        ShimRecord found = record("s1");
        assertThat(found.supervision()).isEqualTo(Supervision.ADOPTED);
        assertThat(found.shim().pid()).isEqualTo(launched.pid());
        assertThat(found.shim().container()).isEqualTo("c1");
        assertThat(record("s2").supervision()).isEqualTo(Supervision.ADOPTED);
    }

    @Test
    void anAdoptedShimKeepsTheStartTimeItsTableRecordedToTheNanosecond() throws Exception {
        ShimRow row = runningSleep("s1");
        Instant recorded = row.started().plusNanos(123_456_789);
        recorded(new ShimRow(row.token(), row.type(), row.container(), row.sandbox(), row.pid(), row.ticks(),
                row.namespaces(), recorded, row.state(), null));
        registry = new Registry(state);
        registry.setProcesses(afterRestart);

        assertThat(record("s1").supervision()).isEqualTo(Supervision.ADOPTED);
        assertThat(record("s1").shim().startTime()).isEqualTo(recorded);
    }
}
