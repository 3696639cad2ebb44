package io.shimhost.core.internal;

import java.time.Duration;

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

    private PosixProcesses processes;

    @Override
    public void beforeAll(ExtensionContext context) {
        processes = newService();
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

    /** libc, bound as the process service binds it. */
    static LibC libc() {
        return LibraryLoader.create(LibC.class).load("c");
    }
}
