package io.shimhost.http.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.shimhost.api.Identifiers;
import io.shimhost.api.InvalidParameterException;
import io.shimhost.api.ProcessService;
import io.shimhost.api.ProcessUsage;
import io.shimhost.api.ShimException;
import io.shimhost.api.ShimProcess;
import io.shimhost.api.ShimTimeoutException;
import io.shimhost.api.Signals;
import io.shimhost.api.registry.ShimFilter;
import io.shimhost.api.registry.ShimRecord;
import io.shimhost.api.registry.ShimRecord.Supervision;
import io.shimhost.api.registry.ShimRegistry;
import io.shimhost.json.ShimJson;
import io.shimhost.json.ShimVerbs;
import io.shimhost.json.VerbRefusedException;

/**
 * What each {@code /v1/shims} resource does with the registry, as JSON documents: the same verbs
 * as the {@code shim} commands, the same JSON as {@code --format json}.
 */
final class ShimResources {

    static final long KEEPALIVE_SECONDS = 10;
    private static final Duration KEEPALIVE = Duration.ofSeconds(KEEPALIVE_SECONDS);
    static final List<String> FILTERS = List.of("type", "container", "sandbox", "state");

    private final ShimRegistry registry;
    private final ShimVerbs verbs;

    ShimResources(ShimRegistry registry) {
        this.registry = registry;
        this.verbs = new ShimVerbs(registry);
    }

    List<ShimRecord> list(Map<String, String[]> query) throws Problem, ShimException {
        List<ShimFilter> filters = new ArrayList<>();
        for (Map.Entry<String, String[]> e : query.entrySet()) {
            if (!FILTERS.contains(e.getKey())) {
                throw Problem.badField(e.getKey(), null, "Unknown filter \"" + Identifiers.shown(e.getKey())
                        + "\": filter by " + String.join(", ", FILTERS));
            }
            for (String value : e.getValue()) {
                filters.add(ShimFilter.parse(e.getKey() + "=" + value));
            }
        }
        return filters.isEmpty() ? registry.table()
                : registry.table().stream().filter(r -> filters.stream().allMatch(f -> f.test(r))).toList();
    }

    /** What a start would do, refusing what it would refuse; nothing is launched or recorded. */
    String plan(StartBody body) throws ShimException {
        return ShimJson.plan(registry.plan(body.sandbox(), body.params()));
    }

    ShimRecord start(StartBody body) throws ShimException {
        ShimProcess shim = registry.start(body.sandbox(), body.params());
        return registry.record(shim.token()).orElse(new ShimRecord(shim, body.sandbox().id(), Supervision.STARTED));
    }

    ShimRecord find(String id) throws Problem {
        try {
            return verbs.find(id);
        } catch (VerbRefusedException e) {
            throw refused(e);
        }
    }

    /** The shim, its output log, and its process as {@code /proc} shows it while it runs. */
    String inspect(String id, ProcessService processes) throws Problem {
        ShimRecord record = find(id);
        return ShimJson.inspect(record, processes);
    }


    /** What every running shim uses, in the table's order. */
    String stats(ProcessService processes) {
        return ShimJson.stats(ShimJson.usages(registry.table(), processes));
    }

    /** What a running shim uses; 409 when it does not run. */
    String stats(String id, ProcessService processes) throws Problem {
        ShimRecord record = find(id);
        ProcessUsage usage = ShimJson.usage(record, processes).orElseThrow(() -> Problem.of(409, "Shim "
                + Identifiers.shown(id) + " is " + record.state() + ": only a running shim has figures"));
        return ShimJson.stats(record, usage);
    }

    String signal(String id, Map<String, Object> body) throws Problem, ShimException {
        Object name = body.get("signal");
        if (!(name instanceof String)) {
            throw Problem.badField("signal", name, "Field \"signal\" is required: a signal name such as TERM, or its number");
        }
        int number;
        try {
            number = Signals.parse((String) name);
        } catch (InvalidParameterException e) {
            throw Problem.badField("signal", name, e.getMessage());
        }
        try {
            return verbs.signal(id, number);
        } catch (VerbRefusedException e) {
            throw refused(e);
        }
    }

    /** Kata's stop, SIGKILL; with a grace period, SIGTERM first and SIGKILL only when it is over. */
    String stop(String id, Duration grace) throws Problem, ShimException, InterruptedException {
        try {
            return verbs.stop(id, grace);
        } catch (VerbRefusedException e) {
            throw refused(e);
        }
    }

    /**
     * Waits for a shim to end, at most {@code limit}; every {@value #KEEPALIVE_SECONDS} s of waiting
     * a space goes to {@code keepAlive} (JSON allows it before the document), which keeps the
     * connection from idling out and finds a client that went away (the write fails).
     *
     * @return the shim once it ended, or as it is when the time ran out (its state says which)
     */
    String await(ShimRecord target, Duration limit, OutputStream keepAlive) throws IOException, InterruptedException {
        long end = System.nanoTime() + limit.toNanos();
        while (true) {
            long left = end - System.nanoTime();
            try {
                target.shim().waitFor(Duration.ofNanos(Math.max(0, Math.min(left, KEEPALIVE.toNanos()))));
                break;
            } catch (ShimTimeoutException e) {
                if (left <= KEEPALIVE.toNanos()) {
                    break;
                }
                keepAlive.write(' ');
                keepAlive.flush();
            }
        }
        return current(target);
    }

    String forget(String id) throws Problem, ShimException {
        try {
            return verbs.forget(id);
        } catch (VerbRefusedException e) {
            throw e.reason() == VerbRefusedException.Reason.NOT_FOUND ? refused(e)
                    : Problem.of(409, e.getMessage() + " (POST /v1/shims/{id}/stop)");
        }
    }

    String types() throws ShimException {
        return verbs.types();
    }

    private String current(ShimRecord target) {
        return verbs.current(target);
    }

    /** 404, saying where the shims are listed, or 409. */
    private static Problem refused(VerbRefusedException e) {
        return e.reason() == VerbRefusedException.Reason.NOT_FOUND
                ? Problem.of(404, e.getMessage() + ": GET /v1/shims lists them") : Problem.of(409, e.getMessage());
    }
}
