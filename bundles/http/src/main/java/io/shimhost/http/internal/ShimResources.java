package io.shimhost.http.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.shimhost.api.Identifiers;
import io.shimhost.api.InvalidParameterException;
import io.shimhost.api.ProcessService;
import io.shimhost.api.ProcessUsage;
import io.shimhost.api.ShimException;
import io.shimhost.api.ShimProcess;
import io.shimhost.api.ShimTimeoutException;
import io.shimhost.api.ShimType;
import io.shimhost.api.Signals;
import io.shimhost.api.registry.ShimConfigEntry;
import io.shimhost.api.registry.ShimFilter;
import io.shimhost.api.registry.ShimRecord;
import io.shimhost.api.registry.ShimRecord.Supervision;
import io.shimhost.api.registry.ShimRegistry;
import io.shimhost.json.ShimJson;

/**
 * What each {@code /v1/shims} resource does with the registry, as JSON documents: the same verbs
 * as the {@code shim} commands, the same JSON as {@code --format json}.
 */
final class ShimResources {

    /** What a stop without a grace period waits for the SIGKILLed shim to be seen ending. */
    private static final Duration KILLED_WAIT = Duration.ofSeconds(5);
    static final long KEEPALIVE_SECONDS = 10;
    private static final Duration KEEPALIVE = Duration.ofSeconds(KEEPALIVE_SECONDS);
    static final List<String> FILTERS = List.of("type", "container", "sandbox", "state");

    private final ShimRegistry registry;

    ShimResources(ShimRegistry registry) {
        this.registry = registry;
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
        return registry.record(id).orElseThrow(() -> Problem.of(404, "No shim has the id \"" + Identifiers.shown(id)
                + "\": GET /v1/shims lists them"));
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
        ShimRecord target = signallable(find(id), Signals.name(number));
        target.shim().signal(number);
        return current(target);
    }

    /** Kata's stop, SIGKILL; with a grace period, SIGTERM first and SIGKILL only when it is over. */
    String stop(String id, Duration grace) throws Problem, ShimException, InterruptedException {
        ShimRecord target = signallable(find(id), grace == null ? "SIGKILL" : "SIGTERM");
        ShimProcess shim = target.shim();
        if (grace != null) {
            shim.signal(Signals.parse("TERM"));
            try {
                shim.waitFor(grace);
                return current(target);
            } catch (ShimTimeoutException e) {
                // the grace period is over
            }
        }
        shim.stop();
        try {
            shim.waitFor(KILLED_WAIT);
        } catch (ShimTimeoutException e) {
            // reported as it is: still running
        }
        return current(target);
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
        ShimRecord target = find(id);
        if (target.ended().isEmpty() && target.supervision() != Supervision.LOST && target.shim().pid() > 0) {
            throw Problem.of(409, "Shim " + Identifiers.shown(id) + " is " + target.state()
                    + ": stop it first (POST /v1/shims/{id}/stop)");
        }
        return ShimJson.shim(registry.forget(target.shim().token()));
    }

    String types() throws ShimException {
        List<ShimType> types = registry.deployedTypes();
        Map<ShimType, List<ShimConfigEntry>> configs = new LinkedHashMap<>();
        for (ShimType type : types) {
            configs.put(type, registry.configuration(type));
        }
        return ShimJson.of(json -> {
            json.writeStartArray();
            for (ShimType type : types) {
                json.writeRawValue(ShimJson.config(type, configs.get(type)));
            }
            json.writeEndArray();
        });
    }

    private String current(ShimRecord target) {
        return ShimJson.shim(registry.record(target.shim().token()).orElse(target));
    }

    private static ShimRecord signallable(ShimRecord target, String signal) throws Problem {
        ShimProcess shim = target.shim();
        Optional<String> why = target.supervision() == Supervision.LOST
                ? Optional.of("is lost; pid " + shim.pid() + " belongs to another process now and is never signalled")
                : shim.pid() <= 0 ? Optional.of("has no process")
                : target.supervision() != Supervision.UNVERIFIED && !shim.isRunning()
                        ? Optional.of("had already ended (" + target.state() + ")") : Optional.empty();
        if (why.isPresent()) {
            throw Problem.of(409, "Not sent " + signal + ": shim " + Identifiers.shown(shim.token()) + " " + why.get());
        }
        return target;
    }
}
