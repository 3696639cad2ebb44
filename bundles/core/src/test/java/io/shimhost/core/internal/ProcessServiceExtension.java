package io.shimhost.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import jnr.ffi.LibraryLoader;

/**
 * The shared fixture of the process tests: one real process service per test class, retired when
 * the class is done (its supervisor thread ends once the last process it watched has exited).
 */
final class ProcessServiceExtension implements BeforeAllCallback, AfterAllCallback {

    /** How long a test waits for a process at most. */
    static final Duration PATIENCE = Duration.ofSeconds(10);

    private final Supplier<PosixProcesses> factory;
    private PosixProcesses processes;

    ProcessServiceExtension() {
        this(ProcessServiceExtension::newService);
    }

    /** @param factory makes the class's process service */
    ProcessServiceExtension(Supplier<PosixProcesses> factory) {
        this.factory = factory;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        processes = factory.get();
    }

    @Override
    public void afterAll(ExtensionContext context) throws InterruptedException {
        processes.deactivate();
        processes.supervisor().thread().join(PATIENCE.toMillis());
    }

    PosixProcesses service() {
        return processes;
    }

    /** A process service of its own, for tests of its life cycle. */
    static PosixProcesses newService() {
        return new PosixProcesses(libc());
    }

    /**
     * A process service that sees this host's cgroup v2 mount alone, as a pure cgroup v2 host would
     * show it: shims' cgroups are v2 directories, placed through the gate.
     */
    static PosixProcesses cgroupV2Service() {
        CgroupMounts here = CgroupMounts.read();
        CgroupMounts v2 = new CgroupMounts(here.unified(), here.unifiedRoot(), Map.of(), Map.of());
        return new PosixProcesses(libc(), new Cgroups(libc(), v2, v2.pathsOf(Path.of("/proc/self"))));
    }

    /** libc, bound as the process service binds it. */
    static LibC libc() {
        return LibraryLoader.create(LibC.class).load("c");
    }

    /** Waits for a pid a process writes to a file. */
    static long awaitPid(Path file) throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(file) && !Files.readString(file).isBlank()) {
                return Long.parseLong(Files.readString(file).strip());
            }
            Thread.sleep(10);
        }
        throw new AssertionError("no pid in " + file);
    }

    /** The process is gone: neither running nor a zombie (init reaps an orphan at once). */
    static void awaitGone(long pid) throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (Files.exists(Path.of("/proc", Long.toString(pid))) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(Path.of("/proc", Long.toString(pid))).as("pid %d", pid).doesNotExist();
    }
}
