package io.shimhost.registry.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import io.shimhost.api.ExitStatus;
import io.shimhost.api.NamespaceType;
import io.shimhost.api.ShimException;
import io.shimhost.api.ShimParams;
import io.shimhost.api.ShimProcess;
import io.shimhost.api.ShimTimeoutException;
import io.shimhost.api.ShimType;
import io.shimhost.api.registry.ShimRecord.Supervision;

/**
 * The handle of a recorded shim with no process supervised behind it: one that ended, one that
 * was lost, or one not verified yet. It never signals anything: its recorded pid may name another
 * process by now.
 */
final class RecordedShim implements ShimProcess {

    private final ShimRow row;
    private final ShimType type;
    private final Supervision supervision;

    RecordedShim(ShimRow row, ShimType type, Supervision supervision) {
        this.row = row;
        this.type = type;
        this.supervision = supervision;
    }

    @Override
    public ShimType type() {
        return type;
    }

    @Override
    public String container() {
        return row.container();
    }

    @Override
    public String token() {
        return row.token();
    }

    @Override
    public long pid() {
        return row.pid();
    }

    @Override
    public Instant startTime() {
        return row.started();
    }

    @Override
    public OptionalLong startTicks() {
        return row.ticks() >= 0 ? OptionalLong.of(row.ticks()) : OptionalLong.empty();
    }

    @Override
    public boolean isRunning() {
        return false;
    }

    /** Ended and lost shims are gone, which is no error; an unverified one cannot be reached yet. */
    @Override
    public void signal(int signal) throws ShimException {
        if (supervision == Supervision.UNVERIFIED) {
            throw new ShimException("Cannot signal shim " + row.token() + " (pid " + row.pid()
                    + "): it is not verified yet, as no process service is deployed; start the core bundle");
        }
    }

    @Override
    public void stop() throws ShimException {
        signal(9);
    }

    @Override
    public ExitStatus waitFor(Duration limit) throws ShimTimeoutException, InterruptedException {
        Optional<ExitStatus> status = exitStatus();
        if (status.isPresent()) {
            return status.get();
        }
        Thread.sleep(limit.toMillis());
        throw new ShimTimeoutException(row.pid(), limit);
    }

    @Override
    public Optional<ExitStatus> exitStatus() {
        return switch (supervision) {
            case UNVERIFIED -> Optional.empty();
            case LOST -> Optional.of(ExitStatus.unknown());
            default -> Optional.of(row.exit() == null ? ExitStatus.unknown() : row.exit());
        };
    }

    @Override
    public CompletionStage<ExitStatus> onExit() {
        return exitStatus().map(CompletableFuture::completedStage).orElseGet(CompletableFuture::new);
    }

    @Override
    public Map<NamespaceType, Long> namespaces() {
        return Map.of();
    }

    /** The parameters a handle of this shim was started with, as far as the row keeps them. */
    static ShimParams params(ShimRow row) {
        return ShimParams.builder().container(row.container()).token(row.token()).build();
    }

    @Override
    public String toString() {
        return "ShimProcess[type=" + type + ", pid=" + row.pid() + ", container=" + row.container() + ", token="
                + row.token() + ", " + supervision + "]";
    }
}
