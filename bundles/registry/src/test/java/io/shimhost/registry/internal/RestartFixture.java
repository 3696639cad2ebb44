package io.shimhost.registry.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import io.shimhost.api.ProcessSpec;
import io.shimhost.api.ShimException;
import io.shimhost.api.SupervisedProcess;
import io.shimhost.core.internal.PosixProcesses;

/**
 * A registry's world across a restart, with real processes: the process service of the framework
 * that launched and recorded shims ({@link #previous()}), that of the next one, which adopts them
 * for real ({@link #next()}), the table written as the previous registry would, and registries
 * opened on it. After each test every registry is deactivated, every process launched here is
 * stopped and both services end.
 */
final class RestartFixture implements AfterEachCallback {

    private final PosixProcesses previous = new PosixProcesses();
    private final PosixProcesses next = new PosixProcesses();
    private final List<SupervisedProcess> launched = new ArrayList<>();
    private final List<Registry> registries = new ArrayList<>();

    PosixProcesses previous() {
        return previous;
    }

    PosixProcesses next() {
        return next;
    }

    /** A {@code sleep 60} the previous framework launched. */
    SupervisedProcess sleep() throws ShimException {
        SupervisedProcess sleep = previous.launch(ProcessSpec.builder(List.of("sleep", "60")).build());
        launched.add(sleep);
        return sleep;
    }

    /** A {@code sleep 60} the previous framework launched with a launch id, as its registry launches shims. */
    SupervisedProcess sleepLaunchedAs(String launchId) throws ShimException {
        SupervisedProcess sleep = previous.launch(ProcessSpec.builder(List.of("sleep", "60")).launchId(launchId).build());
        launched.add(sleep);
        return sleep;
    }

    /** The row the previous registry kept of a running shim whose process is {@code process}. */
    static ShimRow running(String token, String container, SupervisedProcess process) {
        return new ShimRow(token, "kataShim", container, "sb", process.pid(), process.startTicks().orElseThrow(), Map.of(),
                process.startTime(), ShimRow.State.RUNNING, null);
    }

    /** Writes the table the previous framework left in {@code state}. */
    static void recorded(Path state, ShimRow... rows) throws IOException {
        try (TableFile file = TableFile.open(state)) {
            file.write(List.of(rows));
        }
    }

    /** A registry on {@code state}, deactivated after the test. */
    Registry registry(Path state) throws IOException {
        Registry registry = new Registry(state);
        registries.add(registry);
        return registry;
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        registries.forEach(Registry::deactivate);
        for (SupervisedProcess process : launched) {
            process.stop();
            process.waitFor();
        }
        next.deactivate();
        previous.deactivate();
    }
}
