package io.shimhost.registry.internal;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the table's changes to its journal with group commit: a caller waits until its change is
 * on disk, and one append and sync covers every change made before it began, at a cost that does
 * not grow with the table. Every write is made on a thread of the writer's own: a start or forget
 * waits for it, at most {@link #PATIENCE}; an exit does not wait at all, so the supervisor's thread
 * never waits for the disk. Once the
 * journal holds more lines than twice the table's rows (and at least {@value #COMPACT_AFTER}), that
 * thread compacts it: the whole table as a new checkpoint, the journal emptied; so does the close.
 * The thread ends when it has been idle for a second.
 */
final class TableWriter implements AutoCloseable {

    /** Below this many journal lines, no compaction: it would cost more than the lines it saves. */
    static final long COMPACT_AFTER = 1000;

    private static final Logger LOG = LoggerFactory.getLogger(TableWriter.class);
    /** How long a change waits for the disk before it is refused. */
    static final java.time.Duration PATIENCE = java.time.Duration.ofSeconds(10);

    private final TableFile file;
    private final ShimTable table;
    private final ThreadPoolExecutor background = new ThreadPoolExecutor(1, 1, 1, TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(), r -> {
                Thread thread = new Thread(r, "shimhost-table-writer");
                thread.setDaemon(true);
                return thread;
            });
    private final Measurements measurements;
    private long written = -1;
    /** Lines were written to the journal since its last sync. */
    private boolean unsynced;
    private boolean compactionQueued;

    TableWriter(TableFile file, ShimTable table, Measurements measurements) {
        this.file = file;
        this.table = table;
        this.measurements = measurements;
        background.allowCoreThreadTimeOut(true); // a thread only while exits are being written
    }

    /** Returns once the journal holds the change at {@code version} and every one before it, synced. */
    void commit(long version) throws IOException {
        commitWithin(version, true);
    }

    /**
     * Returns once the journal holds the change at {@code version} and every one before it, written
     * but not synced: they survive a crash of the framework at once, one of the machine from the
     * next synced commit on.
     */
    void commitUnsynced(long version) throws IOException {
        commitWithin(version, false);
    }

    /**
     * The write is the writer thread's, the wait the caller's, bounded by {@link #PATIENCE}: a disk
     * that takes no write (frozen for a snapshot, failing) fails the caller's change, in one line,
     * instead of holding it, and whoever waits behind it, for as long as the disk does. The change
     * is written when the disk takes writes again.
     */
    private void commitWithin(long version, boolean sync) throws IOException {
        Future<?> written;
        try {
            written = background.submit(() -> {
                commit(version, sync);
                return null;
            });
        } catch (RejectedExecutionException e) {
            commit(version, sync); // closing: the caller's own thread writes
            return;
        }
        try {
            written.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new IOException("the state folder took no write for " + PATIENCE.toSeconds()
                    + " s (a frozen or failing disk?)");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while the shim table was written");
        }
    }

    private synchronized void commit(long version, boolean sync) throws IOException {
        if (written >= version && !(sync && unsynced)) {
            return;
        }
        List<ShimTable.Change> changes = table.unwritten();
        long since = measurements.clock();
        file.append(changes.stream().map(ShimTable.Change::line).toList(), sync);
        unsynced = !sync && (unsynced || !changes.isEmpty());
        measurements.tableWritten(since);
        long upTo = changes.isEmpty() ? version : changes.get(changes.size() - 1).version();
        table.written(upTo);
        written = Math.max(upTo, version);
        if (!compactionQueued && file.journalLines() > Math.max(COMPACT_AFTER, 2L * table.size())) {
            compactionQueued = true;
            run(this::compact);
        }
    }

    /** Writes the whole table as a new checkpoint and empties the journal (what is pending first). */
    synchronized void compact() throws IOException {
        compactionQueued = false;
        commit(table.version(), true);
        long since = measurements.clock();
        file.write(table.snapshot().rows());
        measurements.tableWritten(since);
    }

    /** Commits on the writer's thread; a failure is logged there, where it is handled. */
    void commitSoon(long version) {
        run(() -> commit(version, true));
    }

    private interface Write {
        void run() throws IOException;
    }

    private void run(Write write) {
        try {
            background.execute(() -> {
                try {
                    write.run();
                } catch (IOException e) {
                    LOG.atError().setCause(e).addKeyValue("subsystem", "shim").addKeyValue("table", file.path())
                            .log("Cannot write the shim table; the next change tries again");
                }
            });
        } catch (RejectedExecutionException e) {
            // closed: the final commit in close() covers it
        }
    }

    /**
     * Stops the writer's thread and leaves the whole table in the checkpoint, the journal empty: a
     * framework that stops cleanly leaves one file that ordinary tools read.
     */
    @Override
    public void close() throws IOException {
        background.shutdown();
        try {
            background.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        compact();
    }
}
