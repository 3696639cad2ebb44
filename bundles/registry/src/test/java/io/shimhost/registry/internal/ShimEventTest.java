package io.shimhost.registry.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import io.shimhost.api.ExitStatus;
import io.shimhost.api.NoProcess;
import io.shimhost.api.ShimParams;
import io.shimhost.api.ShimType;
import io.shimhost.api.SupervisedProcess;
import io.shimhost.api.registry.ShimEvents;

/** What the table tells of a shim's life when it reads back a previous framework's records, and the events' properties. */
class ShimEventTest {

    @TempDir
    Path state;

    @RegisterExtension
    final RestartFixture restart = new RestartFixture();

    private final List<ShimEvent> told = new CopyOnWriteArrayList<>();

    @Test
    void readingBackTellsEachShimAdoptedLostOrExited() throws Exception {
        SupervisedProcess sleep = restart.sleep();
        ShimRow running = RestartFixture.running("running", "c1", sleep);
        ShimRow recycled = new ShimRow("recycled", "kataShim", "c2", "sb", sleep.pid(), running.ticks() - 1, Map.of(),
                running.started(), ShimRow.State.RUNNING, null);
        ShimRow gone = new ShimRow("gone", "kataShim", "c3", "sb", 4_000_000, 42, Map.of(), running.started(),
                ShimRow.State.RUNNING, null);
        RestartFixture.recorded(state, running, recycled, gone);

        try (DurableShimTable table = DurableShimTable.open(state, told::add)) {
            table.adoptUnverified(restart.next());
        }

        assertThat(told).extracting(e -> e.name() + " " + e.shim().token()).containsExactly("adopted running",
                "lost recycled", "exited gone");
        assertThat(told.get(2).status()).isEqualTo(ExitStatus.unknown());
        assertThat(told.get(1).properties()).containsEntry(ShimEvents.EVENT, "lost").containsEntry(ShimEvents.ID, "recycled")
                .containsEntry(ShimEvents.CONTAINER, "c2").containsEntry(ShimEvents.SANDBOX, "sb")
                .containsEntry(ShimEvents.PID, (long) sleep.pid()).containsKey("timestamp");
    }

    @Test
    void anExitCarriesItsCodeOrItsSignalAndATypeEventOnlyItsType() throws Exception {
        NoProcess shim = new NoProcess(0, ShimType.KATA, ShimParams.builder().token("t").build());

        assertThat(ShimEvent.exited(shim, "sb", ExitStatus.exited(3)).properties()).containsEntry(ShimEvents.EXIT_CODE, 3)
                .doesNotContainKey(ShimEvents.SIGNAL);
        assertThat(ShimEvent.exited(shim, "sb", ExitStatus.killed(9)).properties()).containsEntry(ShimEvents.SIGNAL, 9)
                .doesNotContainKey(ShimEvents.EXIT_CODE);
        assertThat(ShimEvent.ofType(ShimEvents.TYPE_DEPLOYED, ShimType.KATA).properties())
                .containsOnlyKeys(ShimEvents.EVENT, "timestamp", ShimEvents.TYPE);
    }
}
