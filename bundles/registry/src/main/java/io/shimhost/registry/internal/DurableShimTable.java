package io.shimhost.registry.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;

import io.shimhost.api.ExitStatus;
import io.shimhost.api.InvalidParameterException;
import io.shimhost.api.ProcessService;
import io.shimhost.api.ShimException;
import io.shimhost.api.ShimParams;
import io.shimhost.api.ShimProcess;
import io.shimhost.api.ShimType;
import io.shimhost.api.metrics.ShimMetrics;
import io.shimhost.api.registry.ShimEvents;
import io.shimhost.api.registry.ShimRecord;
import io.shimhost.api.registry.ShimRecord.Supervision;

/**
 * The registry's table of shims, kept in a state folder so that it outlives the framework: read
 * back at opening (damaged lines dropped and reported once), running shims adopted again once a
 * process service is there, every start, exit and forget written through.
 */
final class DurableShimTable implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DurableShimTable.class);

    private final ShimTable table = new ShimTable();
    private final TableFile file;
    private final TableWriter writer;
    /** Told of every step of a shim's life, as it happens. */
    private final Consumer<ShimEvent> events;
    /** Keeps the output logs of the running shims under their limit. */
    private final OutputLogs logs = new OutputLogs();
    /** The boot and pid namespace new rows are recorded in; unknown while no process service is there. */
    private volatile Host host = Host.UNKNOWN;
    /** Once closed, exits are no longer written: the file belongs to the next table opened on it. */
    private volatile boolean closed;

    private final Measurements measurements;
    /** Tokens of rows salvaged from damaged lines: kept only if adoption finds their process. */
    private final Set<String> salvaged = ConcurrentHashMap.newKeySet();
    /** Which ended shims are kept; the rest are forgotten as they end. */
    private final Retention retention;

    private DurableShimTable(TableFile file, Consumer<ShimEvent> events, Measurements measurements,
            Retention retention) {
        this.file = file;
        this.writer = new TableWriter(file, table, measurements);
        this.events = events;
        this.measurements = measurements;
        this.retention = retention;
    }

    /**
     * Locks the folder and reads the table in it.
     *
     * @throws IOException if the folder cannot be used or another framework holds it
     */
    static DurableShimTable open(Path directory, Consumer<ShimEvent> events) throws IOException {
        return open(directory, events, new Measurements(), Retention.DEFAULT);
    }

    static DurableShimTable open(Path directory, Consumer<ShimEvent> events, Measurements measurements,
            Retention retention) throws IOException {
        TableFile file = TableFile.open(directory);
        DurableShimTable opened = new DurableShimTable(file, events, measurements, retention);
        try {
            opened.load();
        } catch (IOException | InvalidParameterException | RuntimeException e) {
            file.close();
            throw e instanceof IOException ? (IOException) e : new IOException("Cannot read " + file.path(), e);
        }
        return opened;
    }

    Path path() {
        return file.path();
    }

    /** Running rows wait as unverified until a process service can check them. */
    private void load() throws IOException, InvalidParameterException {
        TableFile.Loaded loaded = file.read();
        for (ShimRow row : loaded.rows()) {
            Supervision supervision = switch (row.state()) {
                case STARTING, RUNNING -> Supervision.UNVERIFIED;
                case LOST -> Supervision.LOST;
                case ENDED -> Supervision.ENDED;
            };
            table.put(Adoption.entry(row, ShimType.parse(row.type()), supervision));
        }
        for (ShimRow row : loaded.salvaged()) {
            table.put(Adoption.entry(row, ShimType.parse(row.type()), Supervision.UNVERIFIED));
            salvaged.add(row.token());
        }
        table.written(table.version()); // what was read is on disk already
        if (!loaded.problems().isEmpty()) {
            LOG.atWarn().addKeyValue("subsystem", "shim").addKeyValue("table", file.path())
                    .addKeyValue("recovered", loaded.rows().size()).addKeyValue("dropped", loaded.problems().size())
                    .addKeyValue("problems", loaded.problems().subList(0, Math.min(5, loaded.problems().size())))
                    .addKeyValue("copy", loaded.copy())
                    .log("Shim table damaged: kept the valid records, dropped the unreadable lines");
        }
        boolean expired = !table.expire(retention, Instant.now()).isEmpty(); // told as forgotten by no one: nobody saw them yet
        if (expired || !loaded.problems().isEmpty() || loaded.journalLines() > 0 || file.readOnly().isPresent()
                || !java.nio.file.Files.exists(file.path())) {
            compactOrSayWhy(); // one checkpoint, always there to read, and a journal that ends with a whole line
        }
    }

    /**
     * A folder that cannot be written (full, read-only) leaves the table as it was read: its shims
     * are supervised all the same, and only starts, which must be recorded first, are refused.
     */
    private void compactOrSayWhy() {
        try {
            writer.compact();
        } catch (IOException e) {
            LOG.atWarn().addKeyValue("subsystem", "shim").addKeyValue("table", file.path())
                    .addKeyValue("records", table.size()).log("The state folder cannot be written (" + e.getMessage()
                            + "): the shims recorded there are supervised, starts are refused until it can be");
        }
    }

    /**
     * Takes every unverified shim back under supervision, or finds it ended or lost. Serialized
     * with itself: a second process service arriving finds nothing left to adopt.
     */
    synchronized void adoptUnverified(ProcessService processes) {
        host = Host.of(processes);
        Adoption adoption = new Adoption(processes, host);
        int adopted = 0;
        int ended = 0;
        int lost = 0;
        int unfound = 0;
        List<ShimTable.Entry> unverified = table.entries().stream()
                .filter(e -> e.record().supervision() == Supervision.UNVERIFIED).toList();
        Map<String, Adoption.Outcome> starts = adoption.adoptStarts(unverified.stream().map(ShimTable.Entry::row)
                .filter(r -> r.state() == ShimRow.State.STARTING).toList());
        for (ShimTable.Entry entry : unverified) {
            Adoption.Outcome outcome = entry.row().state() == ShimRow.State.STARTING ? starts.get(entry.row().token())
                    : adoption.adopt(entry.row(), entry.record().shim().type());
            if (salvaged.remove(entry.row().token())
                    && outcome.entry().record().supervision() != Supervision.ADOPTED) {
                table.remove(entry.row().token()); // a damaged line's shim that no longer runs: nothing to show
                unfound++;
                continue;
            }
            table.put(outcome.entry());
            ShimRecord record = outcome.entry().record();
            switch (record.supervision()) {
                case ADOPTED -> {
                    adopted++;
                    measurements.adopted(ShimMetrics.Adoption.ADOPTED);
                    events.accept(ShimEvent.of(ShimEvents.ADOPTED, record.shim(), record.sandbox()));
                    watchExit(record, outcome.entry().row().output());
                }
                case ENDED -> {
                    ended++;
                    measurements.adopted(ShimMetrics.Adoption.EXITED);
                    if (outcome.entry().row().output() != null) {
                        logs.check(outcome.entry().row().output());
                    }
                    events.accept(ShimEvent.exited(record.shim(), record.sandbox(), ExitStatus.unknown()));
                }
                default -> {
                    lost++;
                    measurements.adopted(ShimMetrics.Adoption.LOST);
                    events.accept(ShimEvent.of(ShimEvents.LOST, record.shim(), record.sandbox()));
                }
            }
            if (outcome.reason() != null) {
                report(record, outcome.reason());
            }
        }
        if (adopted + ended + lost + unfound > 0) {
            LOG.atInfo().addKeyValue("subsystem", "shim").addKeyValue("adopted", adopted)
                    .addKeyValue("ended", ended).addKeyValue("lost", lost).log("Recorded shims checked");
            writer.commitSoon(table.version());
            expire();
        }
    }

    /** Forgets the ended shims the retention does not keep: written soon, and told. */
    private void expire() {
        List<ShimTable.Entry> expired = table.expire(retention, Instant.now());
        if (!expired.isEmpty()) {
            writer.commitSoon(table.version());
            expired.forEach(e -> events.accept(ShimEvent.of(ShimEvents.FORGOTTEN, e.record().shim(),
                    e.record().sandbox())));
        }
    }

    /** A lost shim is worth a warning; one that ended while nobody watched is news. */
    private static void report(ShimRecord record, String reason) {
        LoggingEventBuilder event = record.supervision() == Supervision.LOST ? LOG.atWarn() : LOG.atInfo();
        event.addKeyValue("subsystem", "shim").addKeyValue("shim-type", record.shim().type())
                .addKeyValue("shim-pid", record.shim().pid()).addKeyValue("container", record.shim().container())
                .addKeyValue("id", record.shim().token()).addKeyValue("supervision", record.supervision())
                .addKeyValue("reason", reason).log("Recorded shim not adopted; its pid will not be signalled");
    }

    /** No process service any more: rows recorded from now on cannot name their boot or pid namespace. */
    void processServiceGone() {
        host = Host.UNKNOWN;
    }

    /** Claims a token for a start in progress; false if a shim has it or another start claimed it. */
    boolean reserve(String token) {
        return table.reserve(token);
    }

    void release(String token) {
        table.release(token);
    }

    /**
     * Records a start before anything is launched, on disk before it returns: if the framework dies
     * during the start, the row's launch id finds the process at the next adoption.
     *
     * @throws ShimException if the table cannot be written; nothing was launched then
     */
    void intend(ShimParams params, ShimType type, String sandbox, OutputLog output, Map<String, String> config)
            throws ShimException {
        ShimRow row = ShimRow.intent(params, type, sandbox, host, output, config);
        long version = table.put(Adoption.entry(row, type, Supervision.STARTING));
        try {
            writer.commit(version);
        } catch (IOException e) {
            table.remove(row.token());
            throw new ShimException("Cannot record the start of shim " + row.token() + " in " + file.path() + ": "
                    + e.getMessage() + "; nothing was started. Make the state directory writable", e);
        }
    }

    /** A start that failed launched nothing: its intent goes. */
    void abandon(String token) {
        long version = table.remove(token);
        try {
            writer.commit(version);
        } catch (IOException e) {
            LOG.atWarn().setCause(e).addKeyValue("subsystem", "shim").addKeyValue("id", token)
                    .addKeyValue("table", file.path()).log("Cannot remove the record of a failed start; "
                            + "the next start of the framework finds it ended");
        }
    }

    /**
     * A shim the table cannot hold would be lost at the next restart: it is stopped instead. The
     * row is written at once but synced with the next change: the intent, synced before the spawn,
     * already finds the process by its launch id after a crash of the machine in between.
     */
    void record(ShimProcess shim, String sandbox, String launchId, OutputLog output, Map<String, String> config)
            throws ShimException {
        ShimRow row = ShimRow.of(shim, sandbox, host, launchId, output, config);
        ShimRecord record = row.record(shim, Supervision.STARTED);
        long version = table.put(new ShimTable.Entry(row, record));
        try {
            if (launchId.isEmpty()) {
                writer.commit(version);
            } else {
                writer.commitUnsynced(version);
            }
        } catch (IOException e) {
            table.remove(shim.token());
            shim.stop();
            throw new ShimException("Shim " + shim.token() + " started (pid " + shim.pid() + ") but cannot be recorded in "
                    + file.path() + ": " + e.getMessage() + "; it was stopped. Make the state directory writable", e);
        }
        // before its exit can be noticed, so that its life is told in order
        events.accept(ShimEvent.of(ShimEvents.STARTED, shim, sandbox));
        if (shim.pid() > 0) {
            watchExit(record, output);
        } else {
            expire(); // ended as it started
        }
    }

    /** Until it exits, the shim's output log (if any) is kept under its limit. */
    private void watchExit(ShimRecord record, OutputLog output) {
        ShimProcess shim = record.shim();
        if (output != null) {
            logs.watch(output);
        }
        shim.onExit().thenAccept(status -> {
            if (output != null) {
                logs.unwatch(output);
            }
            if (!closed) {
                long version = table.update(shim.token(), e -> e.record().shim() == shim ? ended(e, status) : e);
                if (version >= 0) {
                    writer.commitSoon(version);
                }
            }
            events.accept(ShimEvent.exited(shim, record.sandbox(), status));
            if (!closed) {
                expire();
            }
        });
    }

    List<ShimRecord> records() {
        return table.entries().stream().map(ShimTable.Entry::record).toList();
    }

    Optional<ShimRecord> find(String idOrPid) {
        return table.find(idOrPid).map(ShimTable.Entry::record);
    }

    ShimRecord forget(String idOrPid) throws ShimException {
        ShimTable.Entry entry = table.find(idOrPid).orElseThrow(() -> new InvalidParameterException("ID|PID", idOrPid,
                "No shim with id or pid \"" + idOrPid + "\"; see shim:ps"));
        if (!ended(entry)) {
            throw new InvalidParameterException("ID|PID", idOrPid, "Shim " + entry.row().token() + " (pid "
                    + entry.row().pid() + ") is " + switch (entry.record().supervision()) {
                        case UNVERIFIED -> "not verified yet";
                        case STARTING -> "starting";
                        default -> "running";
                    } + ": stop it before forgetting it");
        }
        forget(List.of(entry));
        return entry.record();
    }

    List<ShimRecord> forgetEnded() throws ShimException {
        List<ShimTable.Entry> ended = table.entries().stream().filter(DurableShimTable::ended).toList();
        forget(ended);
        return ended.stream().map(ShimTable.Entry::record).toList();
    }

    /** The entry of a shim seen ending: its row says so, and its record tells when. */
    private static ShimTable.Entry ended(ShimTable.Entry entry, ExitStatus status) {
        ShimRow row = entry.row().ended(status);
        return new ShimTable.Entry(row, row.record(entry.record().shim(), entry.record().supervision()));
    }

    private static boolean ended(ShimTable.Entry entry) {
        Supervision supervision = entry.record().supervision();
        return supervision != Supervision.UNVERIFIED && supervision != Supervision.STARTING
                && !entry.record().shim().isRunning();
    }

    private void forget(List<ShimTable.Entry> entries) throws ShimException {
        long version = -1;
        for (ShimTable.Entry entry : entries) {
            version = table.remove(entry.row().token());
        }
        try {
            writer.commit(version);
            entries.forEach(e -> events.accept(ShimEvent.of(ShimEvents.FORGOTTEN, e.record().shim(), e.record().sandbox())));
        } catch (IOException e) {
            entries.forEach(table::put);
            throw new ShimException("Cannot forget: the shim table " + file.path() + " cannot be written: "
                    + e.getMessage(), e);
        }
    }

    /**
     * What differs between the file and the table, once what is pending is written: a row missing,
     * extra or different, a damaged line, a file that cannot be written or read. A difference that
     * a change made meanwhile explains is gone when looked at again, so only what stays is told.
     */
    List<String> audit() {
        List<String> problems = differences();
        return problems.isEmpty() ? problems : differences();
    }

    /** @return why the state folder is no longer safe, if it is not */
    Optional<String> unsafeFolder() {
        return file.unsafeFolder();
    }

    private List<String> differences() {
        ShimTable.Snapshot snapshot = table.snapshot();
        TableFile.Loaded loaded;
        try {
            writer.commit(snapshot.version());
            loaded = file.inspect();
        } catch (IOException e) {
            return List.of("cannot write or read " + file.path() + ": " + e.getMessage());
        }
        List<String> problems = new ArrayList<>();
        loaded.problems().forEach(p -> problems.add(file.path() + " " + p));
        Map<String, ShimRow> onDisk = new HashMap<>();
        loaded.rows().forEach(r -> onDisk.put(r.token(), r));
        for (ShimRow row : snapshot.rows()) {
            ShimRow disk = onDisk.remove(row.token());
            if (disk == null) {
                problems.add("shim " + row.token() + " is in the registry but not in " + file.path());
            } else if (!disk.equals(row)) {
                problems.add("shim " + row.token() + " in " + file.path() + " differs from the registry's record");
            }
        }
        onDisk.keySet().forEach(t -> problems.add(file.path() + " records shim " + t + ", which the registry does not know"));
        return problems;
    }

    /** Writes what is pending; shims keep running, for the next table opened on the folder. */
    @Override
    public void close() throws IOException {
        closed = true;
        logs.close();
        try (TableFile held = file) {
            writer.close();
        }
    }
}
