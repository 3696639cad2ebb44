package io.shimhost.registry.internal;

import java.util.Comparator;
import java.util.Map;

import org.osgi.framework.Bundle;

import io.shimhost.api.Shim;
import io.shimhost.api.ShimType;

/**
 * One Shim service offering one type, with what the registry needs to rank it and to tell the
 * operator where it comes from, the service's output properties ({@link ShimOutput}), and where its
 * configuration schema is: the PID of {@value Shim#CONFIG} ("" for none) in the service's bundle.
 */
record ShimOffer(ShimType type, int ranking, long serviceId, String bundleSymbolicName, String bundleVersion,
        Shim shim, Map<String, Object> output, Bundle bundle, String configPid) {

    /** OSGi's order of preference: highest ranking first, then lowest service id. */
    static final Comparator<ShimOffer> PREFERRED_FIRST = Comparator.comparingInt(ShimOffer::ranking).reversed()
            .thenComparingLong(ShimOffer::serviceId);
}
