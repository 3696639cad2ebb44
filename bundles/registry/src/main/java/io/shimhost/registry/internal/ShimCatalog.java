package io.shimhost.registry.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import io.shimhost.api.ShimType;
import io.shimhost.api.registry.DeployedShim;

/**
 * The Shim services deployed now, by service id, and the choice among those offering one type.
 * Thread-safe: services come and go on framework threads while starts run on others.
 */
final class ShimCatalog {

    private final Map<Long, List<ShimOffer>> byService = new ConcurrentHashMap<>();

    /** Records (or replaces) the offers of one service. */
    void put(long serviceId, List<ShimOffer> offers) {
        byService.put(serviceId, List.copyOf(offers));
    }

    /** Forgets a service. */
    void remove(long serviceId) {
        byService.remove(serviceId);
    }

    /** The offer that serves a type: the highest ranking, then the lowest service id. */
    Optional<ShimOffer> serving(ShimType type) {
        return offers().stream().filter(o -> o.type().equals(type)).min(ShimOffer.PREFERRED_FIRST);
    }

    /** Every offer, by type name, the serving one first within a type. */
    List<DeployedShim> deployed() {
        Map<ShimType, List<ShimOffer>> byType = new TreeMap<>();
        for (ShimOffer o : offers()) {
            byType.computeIfAbsent(o.type(), t -> new ArrayList<>()).add(o);
        }
        List<DeployedShim> result = new ArrayList<>();
        for (List<ShimOffer> ofType : byType.values()) {
            ofType.sort(ShimOffer.PREFERRED_FIRST);
            for (ShimOffer o : ofType) {
                result.add(new DeployedShim(o.type(), o.bundleSymbolicName(), o.bundleVersion(), o.ranking(),
                        o.serviceId(), o == ofType.get(0)));
            }
        }
        return result;
    }

    /** The deployed types, sorted by name. */
    List<ShimType> types() {
        return offers().stream().map(ShimOffer::type).distinct().sorted().toList();
    }

    private List<ShimOffer> offers() {
        List<ShimOffer> all = new ArrayList<>();
        byService.values().forEach(all::addAll);
        return all;
    }
}
