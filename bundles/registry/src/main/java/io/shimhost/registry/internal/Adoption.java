package io.shimhost.registry.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Collectors;

import io.shimhost.api.ExitStatus;
import io.shimhost.api.InvalidParameterException;
import io.shimhost.api.ProcessService;
import io.shimhost.api.ShimException;
import io.shimhost.api.ShimProcess;
import io.shimhost.api.ShimType;
import io.shimhost.api.SupervisedProcess;
import io.shimhost.api.registry.ShimRecord;
import io.shimhost.api.registry.ShimRecord.Supervision;

/**
 * Takes a shim recorded as running back under supervision, by pid and start time. Kata probed the
 * pid with {@code kill(pid, 0)} and could mistake a recycled pid for its shim; here a pid whose
 * process started at another time is never signalled.
 */
final class Adoption {

    /** What became of a recorded shim; {@code reason} says why it was not adopted. */
    record Outcome(ShimTable.Entry entry, String reason) {
    }

    private final ProcessService processes;
    private final Host host;

    Adoption(ProcessService processes, Host host) {
        this.processes = processes;
        this.host = host;
    }

    Outcome adopt(ShimRow row, ShimType type) {
        if (row.ticks() < 0) {
            return lost(row, type, "no start time was recorded for it");
        }
        // start times count from boot: after a reboot a pid and start time may match a stranger
        Optional<Outcome> elsewhere = recordedElsewhere(row, type);
        if (elsewhere.isPresent()) {
            return elsewhere.get();
        }
        try {
            SupervisedProcess process = processes.adopt(row.pid(), row.ticks());
            ShimProcess shim = new LoggedShim(ShimProcess.of(type, RecordedShim.params(row), process), row.started());
            return new Outcome(new ShimTable.Entry(row, row.record(shim, Supervision.ADOPTED)), null);
        } catch (ShimException | RuntimeException e) {
            OptionalLong now = processes.startTimeOf(row.pid());
            if (now.isEmpty()) {
                ShimRow ended = row.ended(ExitStatus.unknown());
                return new Outcome(entry(ended, type, Supervision.ENDED), "it exited while it was not supervised");
            }
            return lost(row, type, now.getAsLong() == row.ticks() ? e.getMessage()
                    : "its pid belongs to a process started at tick " + now.getAsLong() + ", not " + row.ticks());
        }
    }

    /**
     * Settles starts the framework did not see to their end: each process is looked for by its
     * launch id; one found is adopted, one not found never ran or has exited since.
     */
    Map<String, Outcome> adoptStarts(List<ShimRow> starts) {
        Map<String, Outcome> outcomes = new HashMap<>();
        List<ShimRow> here = new ArrayList<>();
        for (ShimRow row : starts) {
            Optional<Outcome> elsewhere = recordedElsewhere(row, ShimType.of(row.type()));
            elsewhere.ifPresentOrElse(o -> outcomes.put(row.token(), o), () -> here.add(row));
        }
        Map<String, SupervisedProcess> found = processes.adoptLaunched(here.stream().map(ShimRow::launch)
                .filter(id -> !id.isEmpty()).collect(Collectors.toSet()));
        for (ShimRow row : here) {
            ShimType type = ShimType.of(row.type());
            SupervisedProcess process = row.launch().isEmpty() ? null : found.get(row.launch());
            if (process == null) {
                outcomes.put(row.token(), new Outcome(entry(row.ended(ExitStatus.unknown()), type, Supervision.ENDED),
                        "the framework stopped during its start, and no process carries its launch id"));
            } else {
                ShimRow running = row.launched(process);
                ShimProcess shim = new LoggedShim(ShimProcess.of(type, RecordedShim.params(running), process));
                outcomes.put(row.token(), new Outcome(new ShimTable.Entry(running,
                        row.record(shim, Supervision.ADOPTED)), null));
            }
        }
        return outcomes;
    }

    /** A row of another boot or pid namespace says nothing about this one's processes. */
    private Optional<Outcome> recordedElsewhere(ShimRow row, ShimType type) {
        if (!row.boot().isEmpty() && !row.boot().equals(host.boot())) {
            return Optional.of(new Outcome(entry(row.ended(ExitStatus.unknown()), type, Supervision.ENDED),
                    "the machine was restarted since it was recorded (boot " + row.boot() + ")"));
        }
        if (row.pidNamespace() != 0 && row.pidNamespace() != host.pidNamespace()) {
            return Optional.of(lost(row, type, "its pid was recorded in another pid namespace (inode "
                    + row.pidNamespace() + "; the framework's is " + host.pidNamespace() + ")"));
        }
        return Optional.empty();
    }


    static ShimTable.Entry entry(ShimRow row, ShimType type, Supervision supervision) {
        return new ShimTable.Entry(row, row.record(new RecordedShim(row, type, supervision), supervision));
    }

    private static Outcome lost(ShimRow row, ShimType type, String reason) {
        return new Outcome(entry(row.lost(), type, Supervision.LOST), reason);
    }
}
