package io.shimhost.json;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.shimhost.api.Identifiers;
import io.shimhost.api.ShimException;
import io.shimhost.api.ShimProcess;
import io.shimhost.api.ShimTimeoutException;
import io.shimhost.api.ShimType;
import io.shimhost.api.Signals;
import io.shimhost.api.registry.ShimConfigEntry;
import io.shimhost.api.registry.ShimRecord;
import io.shimhost.api.registry.ShimRecord.Supervision;
import io.shimhost.api.registry.ShimRegistry;

/**
 * The verbs on one shim that every door offers (the HTTP API, the web console), with the same checks and the
 * same JSON answer: the shim as {@link ShimJson#shim} writes it after the verb.
 */
public final class ShimVerbs {

    /** What a stop without a grace period waits for the SIGKILLed shim to be seen ending. */
    private static final Duration KILLED_WAIT = Duration.ofSeconds(5);

    private final ShimRegistry registry;

    /** @param registry the registry the verbs act on */
    public ShimVerbs(ShimRegistry registry) {
        this.registry = registry;
    }

    /**
     * @param id the shim's id
     * @return its record
     * @throws VerbRefusedException ({@code NOT_FOUND}) when no shim has the id, or none is given
     */
    public ShimRecord find(String id) throws VerbRefusedException {
        if (id == null || id.isEmpty()) {
            throw new VerbRefusedException(VerbRefusedException.Reason.NOT_FOUND, "No shim id given");
        }
        return registry.record(id).orElseThrow(() -> new VerbRefusedException(VerbRefusedException.Reason.NOT_FOUND,
                "No shim has the id \"" + Identifiers.shown(id) + "\""));
    }

    /**
     * Sends a signal to a running shim.
     *
     * @param id the shim's id
     * @param signal the signal's number, as {@link Signals#parse} reads a name
     * @return the shim's JSON after the signal
     * @throws VerbRefusedException when there is no such shim, or it has no running process
     * @throws ShimException when the signal cannot be sent
     */
    public String signal(String id, int signal) throws VerbRefusedException, ShimException {
        ShimRecord target = signallable(find(id), Signals.name(signal));
        target.shim().signal(signal);
        return current(target);
    }

    /**
     * Kata's stop, SIGKILL; with a grace period, SIGTERM first and SIGKILL only when it is over. Waits a
     * little for the shim to be seen ending, so that the answer shows how it ended.
     *
     * @param id the shim's id
     * @param grace how long SIGTERM has before SIGKILL; null for SIGKILL at once
     * @return the shim's JSON after the stop (still running if it could not be seen ending)
     * @throws VerbRefusedException when there is no such shim, or it has no running process
     * @throws ShimException when a signal cannot be sent
     * @throws InterruptedException when interrupted while waiting
     */
    public String stop(String id, Duration grace) throws VerbRefusedException, ShimException, InterruptedException {
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
     * Removes an ended shim from the table.
     *
     * @param id the shim's id
     * @return the JSON of the shim forgotten
     * @throws VerbRefusedException when there is no such shim, or it still runs
     * @throws ShimException when the table cannot be written
     */
    public String forget(String id) throws VerbRefusedException, ShimException {
        ShimRecord target = find(id);
        if (target.ended().isEmpty() && target.supervision() != Supervision.LOST && target.shim().pid() > 0) {
            throw new VerbRefusedException(VerbRefusedException.Reason.CONFLICT, "Shim " + Identifiers.shown(id)
                    + " is " + target.state() + ": stop it first");
        }
        return ShimJson.shim(registry.forget(target.shim().token()));
    }

    /**
     * @return the deployed types with their configuration entries, as a JSON array of {@link ShimJson#config}
     * @throws ShimException when a type's configuration cannot be read
     */
    public String types() throws ShimException {
        List<ShimType> types = new ArrayList<>(registry.deployedTypes());
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

    /**
     * @param target a shim a verb acted on
     * @return its JSON as the table has it now
     */
    public String current(ShimRecord target) {
        return ShimJson.shim(registry.record(target.shim().token()).orElse(target));
    }

    private static ShimRecord signallable(ShimRecord target, String signal) throws VerbRefusedException {
        ShimProcess shim = target.shim();
        Optional<String> why = target.supervision() == Supervision.LOST
                ? Optional.of("is lost; pid " + shim.pid() + " belongs to another process now and is never signalled")
                : shim.pid() <= 0 ? Optional.of("has no process")
                : target.supervision() != Supervision.UNVERIFIED && !shim.isRunning()
                        ? Optional.of("had already ended (" + target.state() + ")") : Optional.empty();
        if (why.isPresent()) {
            throw new VerbRefusedException(VerbRefusedException.Reason.CONFLICT, "Not sent " + signal + ": shim "
                    + Identifiers.shown(shim.token()) + " " + why.get());
        }
        return target;
    }
}
