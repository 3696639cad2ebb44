package io.shimhost.api.registry;

import java.util.Objects;

import io.shimhost.api.ShimType;

/**
 * One {@link io.shimhost.api.Shim} service as the registry sees it: its type, the bundle that
 * provides it, its ranking, and whether it is the one that serves its type.
 *
 * @param type the shim type
 * @param bundleSymbolicName the providing bundle's symbolic name
 * @param bundleVersion the providing bundle's version
 * @param ranking the service ranking
 * @param serviceId the service id
 * @param serving whether this service is the one chosen for its type
 */
public record DeployedShim(ShimType type, String bundleSymbolicName, String bundleVersion, int ranking,
        long serviceId, boolean serving) {

    /** @throws NullPointerException if the type is null */
    public DeployedShim {
        Objects.requireNonNull(type, "type");
    }

    @Override
    public String toString() {
        return type + " " + bundleSymbolicName + " " + bundleVersion + " ranking=" + ranking
                + " service.id=" + serviceId + (serving ? " serving" : "");
    }
}
