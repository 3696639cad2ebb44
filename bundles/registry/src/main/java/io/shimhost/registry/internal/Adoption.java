package io.shimhost.registry.internal;

import java.util.OptionalLong;

import io.shimhost.api.ExitStatus;
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

    private Adoption() {
    }

    static Outcome adopt(ShimRow row, ShimType type, ProcessService processes) {
        if (row.ticks() < 0) {
            return lost(row, type, "no start time was recorded for it");
        }
        try {
            SupervisedProcess process = processes.adopt(row.pid(), row.ticks());
            ShimProcess shim = new LoggedShim(ShimProcess.of(type, RecordedShim.params(row), process));
            return new Outcome(new ShimTable.Entry(row, new ShimRecord(shim, row.sandbox(), Supervision.ADOPTED)), null);
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

    static ShimTable.Entry entry(ShimRow row, ShimType type, Supervision supervision) {
        return new ShimTable.Entry(row, new ShimRecord(new RecordedShim(row, type, supervision), row.sandbox(),
                supervision));
    }

    private static Outcome lost(ShimRow row, ShimType type, String reason) {
        return new Outcome(entry(row.lost(), type, Supervision.LOST), reason);
    }
}
