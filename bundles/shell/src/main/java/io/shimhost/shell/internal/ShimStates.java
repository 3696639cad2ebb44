package io.shimhost.shell.internal;


import java.time.Duration;

import io.shimhost.api.ExitStatus;
import io.shimhost.api.ShimProcess;
import io.shimhost.api.registry.ShimRecord;
import io.shimhost.api.registry.ShimRecord.Supervision;

/** How shim:ps and shim:wait show a shim's state and uptime. */
final class ShimStates {

    private ShimStates() {
    }

    static String state(ShimRecord record) {
        if (record.supervision() == Supervision.LOST) {
            return "lost";
        }
        if (record.supervision() == Supervision.UNVERIFIED) {
            return "unverified";
        }
        if (record.supervision() == Supervision.STARTING) {
            return "starting";
        }
        return state(record.shim());
    }

    static String state(ShimProcess shim) {
        if (shim.pid() <= 0) {
            return "no process";
        }
        if (shim.isRunning()) {
            return "running";
        }
        return shim.exitStatus().map(ExitStatus::toString).orElse("exited");
    }

    static String uptime(Duration d) {
        long s = d.getSeconds();
        return s >= 3600 ? String.format("%dh%02dm", s / 3600, (s % 3600) / 60)
                : s >= 60 ? String.format("%dm%02ds", s / 60, s % 60) : s + "s";
    }
}
