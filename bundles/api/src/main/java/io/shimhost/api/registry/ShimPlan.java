package io.shimhost.api.registry;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import io.shimhost.api.ProcessPlan;
import io.shimhost.api.ShimType;

/**
 * What a start would do, resolved and checked as the start would, with nothing launched or
 * recorded ({@link ShimRegistry#plan}).
 *
 * @param type the shim type
 * @param bundleSymbolicName the bundle of the service that would serve the start
 * @param bundleVersion that bundle's version
 * @param id the id the shim would have (a new one for each plan when the start names none)
 * @param configuration the effective configuration, each key with the origin of its value
 *        ({@code default}, the configuration's file, or {@code --config} for the start's own)
 * @param process the launch, or null for a type that launches no process
 */
public record ShimPlan(ShimType type, String bundleSymbolicName, String bundleVersion, String id,
        List<ShimConfigEntry> configuration, ProcessPlan process) {

    /** Copies the configuration; @throws NullPointerException if a component but process is null */
    public ShimPlan {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(bundleSymbolicName, "bundleSymbolicName");
        Objects.requireNonNull(bundleVersion, "bundleVersion");
        Objects.requireNonNull(id, "id");
        configuration = List.copyOf(configuration);
    }

    /** @return the launch, or empty for a type that launches no process */
    public Optional<ProcessPlan> launch() {
        return Optional.ofNullable(process);
    }
}
