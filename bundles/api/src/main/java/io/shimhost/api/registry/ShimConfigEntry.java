package io.shimhost.api.registry;

import java.util.Objects;

/**
 * One key of a shim type's configuration, as the registry applies it to starts: what it is, its
 * default, and the value a start without an override gets now, with where that value comes from.
 *
 * @param key the key, as given to {@code --config KEY=VALUE} and in the type's {@code .cfg} file
 * @param type the value's type: {@code String}, {@code Boolean}, {@code Integer}, {@code Long},
 *        {@code Double}, …, with {@code []} appended for a list of them
 * @param description what the key does
 * @param defaultValue the declared default, shown as a string ({@code a,b} for a list)
 * @param value the current value, shown the same way
 * @param origin where the current value comes from: {@code default}, or the configuration's file
 *        (or its PID when it has no file)
 */
public record ShimConfigEntry(String key, String type, String description, String defaultValue, String value,
        String origin) {

    /** @throws NullPointerException if a component is null */
    public ShimConfigEntry {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(defaultValue, "defaultValue");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(origin, "origin");
    }
}
