package io.shimhost.core.internal;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.shimhost.api.ShimException;

/**
 * The thread launches spawn from, with a descriptor table of its own. A spawn copies the spawning
 * thread's descriptor table into the child, and exec closes the copies again: from a thread that
 * shares the JVM's table, which holds one pidfd per supervised shim, every spawn costs more the more
 * shims run. This thread unshares its table when it starts, with the process service, before any
 * shim: the pidfds opened later, on the callers' threads, go to the JVM's table only, and this one
 * stays as small as it was. A namespaced launch runs here too: the thread it starts for its
 * namespaces is created by this one and so shares this table, not the JVM's, and the namespace
 * files it enters are opened here. (The descriptors of this table are the JVM's at the moment it was
 * unshared; none is closed, since native code, libffi's closures for one, may still use them on this
 * thread. Children get 0, 1 and 2 only, as always.) If the kernel refuses, launches share the JVM's
 * table, as before.
 */
final class SpawnThread implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SpawnThread.class);

    /** Work done on the spawning thread; returns the child's pid, or what a test asks of the thread. */
    @FunctionalInterface
    interface Launch<T> {
        T run() throws ShimException;
    }

    private final ExecutorService thread;

    SpawnThread(LibC libc) {
        this.thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(() -> {
                ownTable(libc);
                r.run();
            }, "shimhost-spawner");
            t.setDaemon(true);
            return t;
        });
        awaitStart();
    }

    /** The thread starts now, while the JVM's table holds no pidfd yet, not at the first spawn. */
    private void awaitStart() {
        try {
            Uninterruptibly.get(thread.submit(() -> 0)::get);
        } catch (ExecutionException e) {
            throw new IllegalStateException("The spawning thread did not start", e.getCause());
        }
    }

    private static void ownTable(LibC libc) {
        if (libc.unshare(LibC.CLONE_FILES) != 0) {
            LOG.atWarn().addKeyValue("errno", jnr.ffi.Runtime.getRuntime(libc).getLastError()).log("Cannot give the spawning thread a "
                    + "descriptor table of its own; spawns cost more as shims add up");
        }
    }

    /** Runs the launch on the thread; waits uninterruptibly, since a child spawned meanwhile must not be left unsupervised. */
    <T> T run(Launch<T> launch) throws ShimException {
        try {
            return Uninterruptibly.get(thread.submit(launch::run)::get);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ShimException failed) {
                throw failed;
            }
            if (e.getCause() instanceof RuntimeException unchecked) {
                throw unchecked;
            }
            throw new IllegalStateException("Spawning failed: " + e.getCause(), e.getCause());
        }
    }

    /** Runs work on the thread after what it runs now, without waiting for it; nothing once closed. */
    void later(Runnable work) {
        try {
            thread.execute(work);
        } catch (java.util.concurrent.RejectedExecutionException closed) {
            // closing: no launch follows
        }
    }

    @Override
    public void close() throws InterruptedException {
        thread.shutdown();
        thread.awaitTermination(10, TimeUnit.SECONDS);
    }
}
