package io.shimhost.api.registry;

import java.util.Objects;

import io.shimhost.api.ShimType;

/**
 * One {@link io.shimhost.api.Shim} service as the registry sees it: its type, the bundle that
 * provides it, its ranking, and whether it is the one that serves its type.
 */
public final class DeployedShim {

    private final ShimType type;
    private final String bundleSymbolicName;
    private final String bundleVersion;
    private final int ranking;
    private final long serviceId;
    private final boolean serving;

    /**
     * @param type the shim type
     * @param bundleSymbolicName the providing bundle's symbolic name
     * @param bundleVersion the providing bundle's version
     * @param ranking the service ranking
     * @param serviceId the service id
     * @param serving whether this service is the one chosen for its type
     */
    public DeployedShim(ShimType type, String bundleSymbolicName, String bundleVersion, int ranking,
            long serviceId, boolean serving) {
        this.type = Objects.requireNonNull(type, "type");
        this.bundleSymbolicName = bundleSymbolicName;
        this.bundleVersion = bundleVersion;
        this.ranking = ranking;
        this.serviceId = serviceId;
        this.serving = serving;
    }

    /** @return the shim type */
    public ShimType type() {
        return type;
    }

    /** @return the symbolic name of the bundle that registered the service */
    public String bundleSymbolicName() {
        return bundleSymbolicName;
    }

    /** @return the version of the bundle that registered the service */
    public String bundleVersion() {
        return bundleVersion;
    }

    /** @return the {@code service.ranking} */
    public int ranking() {
        return ranking;
    }

    /** @return the {@code service.id} */
    public long serviceId() {
        return serviceId;
    }

    /** @return whether starts of this type go to this service */
    public boolean serving() {
        return serving;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof DeployedShim)) {
            return false;
        }
        DeployedShim d = (DeployedShim) o;
        return type.equals(d.type) && Objects.equals(bundleSymbolicName, d.bundleSymbolicName)
                && Objects.equals(bundleVersion, d.bundleVersion) && ranking == d.ranking
                && serviceId == d.serviceId && serving == d.serving;
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, bundleSymbolicName, bundleVersion, ranking, serviceId, serving);
    }

    @Override
    public String toString() {
        return type + " " + bundleSymbolicName + " " + bundleVersion + " ranking=" + ranking
                + " service.id=" + serviceId + (serving ? " serving" : "");
    }
}
