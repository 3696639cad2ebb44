package io.shimhost.registry.internal;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the output logs of running shims under their size limit, with one thread for all of them.
 * A shim writes its log itself (the file is its stdout and stderr, opened for appending), so it
 * never waits for a reader and keeps writing across restarts of the framework; this watcher is
 * told by the kernel (inotify, through a {@link WatchService} on each log's folder) when a log
 * grew, and rotates it once it passes its limit ({@link LogRotation}). Started at the first log.
 */
final class OutputLogs implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(OutputLogs.class);

    private final Map<Path, OutputLog> logs = new HashMap<>();
    private final Map<Path, WatchKey> folders = new HashMap<>();
    private WatchService watcher;
    private Thread thread;
    private boolean closed;

    /** Watches a running shim's log; rotates it at once if it is over its limit already. */
    synchronized void watch(OutputLog log) {
        if (closed) {
            return;
        }
        Path folder = log.file().getParent();
        try {
            if (!folders.containsKey(folder)) {
                folders.put(folder, folder.register(watcher(), StandardWatchEventKinds.ENTRY_MODIFY));
            }
            logs.put(log.file(), log);
        } catch (IOException e) {
            LOG.atWarn().addKeyValue("subsystem", "shim").addKeyValue("log", log.file())
                    .log("Cannot watch a shim's output log; it is not rotated: " + e);
        }
        check(log);
    }

    /** The shim ended: its log is checked a last time and no longer watched. */
    synchronized void unwatch(OutputLog log) {
        check(log);
        if (logs.remove(log.file()) != null) {
            Path folder = log.file().getParent();
            if (logs.keySet().stream().noneMatch(f -> f.getParent().equals(folder))) {
                WatchKey key = folders.remove(folder);
                if (key != null) {
                    key.cancel();
                }
            }
        }
    }

    /** Rotates the log of a shim found ended (after a restart) if it is over its limit. */
    synchronized void check(OutputLog log) {
        try {
            LogRotation.rotateIfOver(log);
        } catch (IOException e) {
            LOG.atWarn().addKeyValue("subsystem", "shim").addKeyValue("log", log.file())
                    .log("Cannot rotate a shim's output log: " + e);
        }
    }

    private WatchService watcher() throws IOException {
        if (watcher == null) {
            watcher = FileSystems.getDefault().newWatchService();
            thread = new Thread(this::run, "shimhost-output-logs");
            thread.setDaemon(true);
            thread.start();
        }
        return watcher;
    }

    private void run() {
        try {
            while (true) {
                WatchKey key = watcher.take();
                Path folder = (Path) key.watchable();
                for (WatchEvent<?> event : key.pollEvents()) {
                    grew(folder, event);
                }
                key.reset();
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            // closed
        }
    }

    private synchronized void grew(Path folder, WatchEvent<?> event) {
        if (event.kind() == StandardWatchEventKinds.OVERFLOW) {
            logs.values().stream().filter(l -> l.file().getParent().equals(folder)).toList().forEach(this::check);
            return;
        }
        OutputLog log = logs.get(folder.resolve((Path) event.context()));
        if (log != null) {
            check(log);
        }
    }

    @Override
    public void close() throws IOException {
        WatchService open;
        synchronized (this) {
            closed = true;
            open = watcher;
            logs.clear();
            folders.clear();
        }
        if (open != null) {
            open.close();
            try {
                thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
