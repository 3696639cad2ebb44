package io.shimhost.api.registry;

import java.util.List;
import java.util.function.Predicate;

import io.shimhost.api.InvalidParameterException;

/**
 * A condition on the shims of the table: one of its fields, named as its JSON form names it, and
 * the value that field must have. {@code shim:ps --filter KEY=VALUE} takes it; several must all hold.
 *
 * @param key {@code type}, {@code container}, {@code sandbox} or {@code state}
 * @param value the value, compared exactly; for {@code state} one of {@link #STATES}
 */
public record ShimFilter(String key, String value) implements Predicate<ShimRecord> {

    /** The fields a filter may name. */
    public static final List<String> KEYS = List.of("type", "container", "sandbox", "state");

    /** The states a shim can be in, as {@link ShimRecord#state()} names them. */
    public static final List<String> STATES = List.of("running", "exited", "killed", "oom-killed", "no-process", "starting",
            "unverified", "lost");

    /**
     * Reads {@code KEY=VALUE}.
     *
     * @param keyValue the filter as written
     * @return the filter
     * @throws InvalidParameterException naming the filter when the key is not one of {@link #KEYS},
     *         the {@code =} is missing, or a state is not one of {@link #STATES}
     */
    public static ShimFilter parse(String keyValue) throws InvalidParameterException {
        int eq = keyValue == null ? -1 : keyValue.indexOf('=');
        if (eq < 0) {
            throw new InvalidParameterException("--filter", keyValue, "Invalid filter \"" + keyValue
                    + "\": give KEY=VALUE, KEY one of " + String.join(", ", KEYS));
        }
        String key = keyValue.substring(0, eq);
        String value = keyValue.substring(eq + 1);
        if (!KEYS.contains(key)) {
            throw new InvalidParameterException("--filter", keyValue, "Invalid filter \"" + keyValue + "\": no field \""
                    + key + "\"; filter on " + String.join(", ", KEYS));
        }
        if (key.equals("state") && !STATES.contains(value)) {
            throw new InvalidParameterException("--filter", keyValue, "Invalid filter \"" + keyValue + "\": no state \""
                    + value + "\"; a shim is " + String.join(", ", STATES));
        }
        return new ShimFilter(key, value);
    }

    /** @return whether the shim's field has the value */
    @Override
    public boolean test(ShimRecord record) {
        String field = switch (key) {
            case "type" -> record.shim().type().toString();
            case "container" -> record.shim().container();
            case "sandbox" -> record.sandbox();
            case "state" -> record.state();
            default -> null;
        };
        return value.equals(field);
    }
}
