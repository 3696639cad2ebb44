package io.shimhost.api;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The handle of a shim that runs no process of its own, such as {@code noopShim} (pid 0) or
 * {@code kataBuiltInShim} (pid -1): never running, every operation a no-op, waiting returns at
 * once with {@link ExitStatus#noProcess()}.
 */
public final class NoProcess implements ShimProcess {

    private final long pid;
    private final ShimType type;
    private final String container;
    private final String token;
    private final Instant startTime;

    /**
     * @param pid 0 or less: the pid the shim type reports
     * @param type the shim type
     * @param params the parameters of the start, for container and token
     * @throws IllegalArgumentException if the pid is greater than 0
     */
    public NoProcess(long pid, ShimType type, ShimParams params) {
        if (pid > 0) {
            throw new IllegalArgumentException("A handle without a process has pid 0 or less, not " + pid);
        }
        this.pid = pid;
        this.type = type;
        this.container = params.container();
        this.token = params.token();
        this.startTime = Instant.now();
    }

    @Override
    public long pid() {
        return pid;
    }

    @Override
    public ShimType type() {
        return type;
    }

    @Override
    public String container() {
        return container;
    }

    @Override
    public String token() {
        return token;
    }

    @Override
    public Instant startTime() {
        return startTime;
    }

    @Override
    public boolean isRunning() {
        return false;
    }

    @Override
    public void signal(int signal) {
        // Kata's rule: pid <= 0 is never signalled.
    }

    @Override
    public void stop() {
        // nothing runs
    }

    @Override
    public ExitStatus waitFor(Duration limit) {
        return ExitStatus.noProcess();
    }

    @Override
    public Optional<ExitStatus> exitStatus() {
        return Optional.of(ExitStatus.noProcess());
    }

    @Override
    public CompletionStage<ExitStatus> onExit() {
        return CompletableFuture.completedStage(ExitStatus.noProcess());
    }

    @Override
    public Map<NamespaceType, Long> namespaces() {
        return Map.of();
    }

    @Override
    public String toString() {
        return "NoProcess[type=" + type + ", pid=" + pid + ", container=" + container + ", token=" + token + "]";
    }
}
