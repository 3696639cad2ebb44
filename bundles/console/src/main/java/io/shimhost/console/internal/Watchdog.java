package io.shimhost.console.internal;

import java.time.Duration;
import java.util.Collection;
import java.util.Optional;

import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;

import io.shimhost.api.audit.CheckResult;
import io.shimhost.api.audit.SelfCheck;

/**
 * systemd's watchdog ({@code WatchdogSec=} in the unit, {@code WATCHDOG_USEC} in the daemon's
 * environment): {@code WATCHDOG=1} is due every half period, and is sent only while the process
 * core's supervisor thread answers (the core's self-check {@code supervisor}), the thread without
 * which no exit is noticed; a daemon whose supervisor hangs is restarted by systemd.
 */
final class Watchdog {

    private static final String SUPERVISOR_CHECK = "supervisor";

    private final Duration period;
    private long lastPing = System.nanoTime();

    private Watchdog(Duration period) {
        this.period = period;
    }

    /** @return the watchdog systemd asks for, if it asks: {@code WATCHDOG_USEC} microseconds */
    static Optional<Watchdog> of(String watchdogUsec) {
        if (watchdogUsec == null || !watchdogUsec.matches("[0-9]{1,15}") || Long.parseLong(watchdogUsec) == 0) {
            return Optional.empty();
        }
        return Optional.of(new Watchdog(Duration.ofNanos(Long.parseLong(watchdogUsec) * 1000)));
    }

    /** @return how often to look: half the period, at most once a second as the daemon's loop goes */
    Duration half() {
        return period.dividedBy(2);
    }

    /** @return whether a ping is due now and the supervisor answers */
    boolean due(BundleContext context) {
        long now = System.nanoTime();
        if (now - lastPing < half().toNanos()) {
            return false;
        }
        if (!supervisorAnswers(context)) {
            return false;
        }
        lastPing = now;
        return true;
    }

    private static boolean supervisorAnswers(BundleContext context) {
        Collection<ServiceReference<SelfCheck>> checks;
        try {
            checks = context.getServiceReferences(SelfCheck.class, null);
        } catch (InvalidSyntaxException e) {
            return false;
        }
        for (ServiceReference<SelfCheck> ref : checks) {
            if (!"io.shimhost.core".equals(ref.getBundle().getSymbolicName())) {
                continue;
            }
            SelfCheck check = context.getService(ref);
            try {
                if (check != null) {
                    return check.run().stream().filter(r -> r.name().equals(SUPERVISOR_CHECK))
                            .map(CheckResult::problems).allMatch(Collection::isEmpty);
                }
            } finally {
                context.ungetService(ref);
            }
        }
        return false; // no process core: nothing supervises
    }
}
