package io.shimhost.api;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletionStage;

/** A supervised process seen as a shim: the process's operations, the shim's identity. */
final class LaunchedShim implements ShimProcess {

    private final ShimType type;
    private final String container;
    private final String token;
    private final SupervisedProcess process;

    LaunchedShim(ShimType type, ShimParams params, SupervisedProcess process) {
        this.type = type;
        this.container = params.container();
        this.token = params.token();
        this.process = process;
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
    public long pid() {
        return process.pid();
    }

    @Override
    public Instant startTime() {
        return process.startTime();
    }

    @Override
    public OptionalLong startTicks() {
        return process.startTicks();
    }

    @Override
    public boolean isRunning() {
        return process.isRunning();
    }

    @Override
    public void signal(int signal) throws ShimException {
        process.signal(signal);
    }

    @Override
    public void stop() throws ShimException {
        process.stop();
    }

    @Override
    public ExitStatus waitFor(Duration limit) throws ShimTimeoutException, InterruptedException {
        return process.waitFor(limit);
    }

    @Override
    public Optional<ExitStatus> exitStatus() {
        return process.exitStatus();
    }

    @Override
    public CompletionStage<ExitStatus> onExit() {
        return process.onExit();
    }

    @Override
    public java.util.Optional<String> cgroup() {
        return process.cgroup();
    }

    @Override
    public boolean ownsCgroup() {
        return process.ownsCgroup();
    }

    @Override
    public Map<NamespaceType, Long> namespaces() {
        return process.namespaces();
    }

    @Override
    public String toString() {
        return "ShimProcess[type=" + type + ", pid=" + pid() + ", container=" + container + ", token=" + token + "]";
    }
}
