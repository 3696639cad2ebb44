package io.shimhost.registry.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import io.shimhost.api.ProcessSpec;
import io.shimhost.api.SupervisedProcess;
import io.shimhost.api.audit.CheckResult;

/** The registry's self-checks on a real table and real processes: sound, then each invariant broken. */
class RegistryChecksTest {

    @TempDir
    Path state;

    @RegisterExtension
    final RestartFixture restart = new RestartFixture();

    private Registry registry;
    private SupervisedProcess sleep;

    /** A running shim recorded by a previous framework and one whose pid was taken by another process. */
    private void adoptARunningAndALostShim() throws Exception {
        sleep = restart.sleep();
        ShimRow running = RestartFixture.running("running", "c1", sleep);
        ShimRow recycled = new ShimRow("recycled", "kataShim", "c2", "sb", sleep.pid(), running.ticks() - 1, Map.of(),
                running.started(), ShimRow.State.RUNNING, null);
        RestartFixture.recorded(state, running, recycled);
        registry = restart.registry(state);
        registry.setProcesses(restart.next());
    }

    private CheckResult check(String name) {
        return new RegistryChecks(registry).run().stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void aSoundTableAndItsAdoptedShimPassAndTheLostOneIsAWarning() throws Exception {
        adoptARunningAndALostShim();

        assertThat(check("table").ok()).isTrue();
        assertThat(check("supervision").ok()).as(check("supervision").problems().toString()).isTrue();
        CheckResult lost = check("lost");
        assertThat(lost.critical()).isFalse();
        assertThat(lost.problems()).singleElement().asString().startsWith("shim recycled is lost: pid " + sleep.pid());
    }

    @Test
    void aTableRewrittenByHandIsNamedRowByRow() throws Exception {
        adoptARunningAndALostShim();
        assertThat(check("table").ok()).as("what the adoption wrote is on disk").isTrue();
        Path table = state.resolve("shims.table");
        for (Path file : List.of(table, state.resolve("shims.journal"))) {
            Files.write(file, Files.readAllLines(file).stream().filter(l -> !l.contains("token=running")).toList());
        }

        CheckResult result = check("table");

        assertThat(result.critical()).isTrue();
        assertThat(result.problems()).singleElement().isEqualTo("shim running is in the registry but not in " + table);
    }

    @Test
    void aProcessHeldByAPidfdThatNoRunningShimIsIsNamed() throws Exception {
        adoptARunningAndALostShim();
        SupervisedProcess unrecorded = restart.next().launch(ProcessSpec.builder(List.of("sleep", "60")).build());
        try {
            assertThat(check("supervision").problems()).containsExactly("pid " + unrecorded.pid()
                    + " is held by a pidfd, but no running shim of the table is that process");
        } finally {
            unrecorded.stop();
            unrecorded.waitFor();
        }
    }

    @Test
    void unverifiedShimsWithoutAProcessServiceAreCritical() throws IOException {
        RestartFixture.recorded(state, new ShimRow("waiting", "kataShim", "c1", "sb", 4_000_000, 42, Map.of(),
                java.time.Instant.EPOCH, ShimRow.State.RUNNING, null));
        registry = restart.registry(state);

        assertThat(check("supervision").problems()).containsExactly("1 shims wait unverified: no process service "
                + "(core bundle) is deployed, and their exits are not noticed");
    }

    @Test
    void aMissingCoreIsAWarningNamingTheShimsTheRetiredSupervisorKeeps() throws Exception {
        adoptARunningAndALostShim();
        assertThat(check("core").ok()).isTrue();

        registry.unsetProcesses(restart.next());

        CheckResult core = check("core");
        assertThat(core.critical()).isFalse();
        assertThat(core.problems()).containsExactly("no process service (core bundle) is deployed: no shim with a "
                + "process can start; 1 running shims (running) are supervised by the retired one until they exit, "
                + "and a restart leaves them unverified");
    }
}
