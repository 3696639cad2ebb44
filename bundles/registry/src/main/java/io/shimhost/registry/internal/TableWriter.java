package io.shimhost.registry.internal;

import java.io.IOException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes table snapshots with group commit: a caller waits until a snapshot holding its change is
 * on disk, and one write covers every change made before it began. Starts and forgets commit on
 * the caller's thread; exits are committed on a thread of the writer's own, so the supervisor's
 * thread never waits for the disk. That thread ends when it has been idle for a second.
 */
final class TableWriter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TableWriter.class);

    private final TableFile file;
    private final Supplier<ShimTable.Snapshot> snapshots;
    private final ThreadPoolExecutor background = new ThreadPoolExecutor(1, 1, 1, TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(), r -> {
                Thread thread = new Thread(r, "shimhost-table-writer");
                thread.setDaemon(true);
                return thread;
            });
    private final Measurements measurements;
    private long written = -1;

    TableWriter(TableFile file, Supplier<ShimTable.Snapshot> snapshots, Measurements measurements) {
        this.file = file;
        this.snapshots = snapshots;
        this.measurements = measurements;
        background.allowCoreThreadTimeOut(true); // a thread only while exits are being written
    }

    /** Returns once a snapshot at {@code version} or later is on disk. */
    synchronized void commit(long version) throws IOException {
        if (written >= version) {
            return;
        }
        ShimTable.Snapshot snapshot = snapshots.get();
        long since = measurements.clock();
        file.write(snapshot.rows());
        measurements.tableWritten(since);
        written = snapshot.version();
    }

    /** Commits on the writer's thread; a failure is logged there, where it is handled. */
    void commitSoon(long version) {
        try {
            background.execute(() -> {
                try {
                    commit(version);
                } catch (IOException e) {
                    LOG.atError().setCause(e).addKeyValue("subsystem", "shim").addKeyValue("table", file.path())
                            .log("Cannot write the shim table; the next change tries again");
                }
            });
        } catch (RejectedExecutionException e) {
            // closed: the final commit in close() covers it
        }
    }

    /** Writes what is pending and stops the writer's thread. */
    @Override
    public void close() throws IOException {
        background.shutdown();
        try {
            background.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        commit(snapshots.get().version());
    }
}
