package io.shimhost.registry.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.shimhost.api.NoProcess;
import io.shimhost.api.Shim;
import io.shimhost.api.ShimType;
import io.shimhost.api.registry.DeployedShim;

/** Which Shim service serves a type: OSGi ranking, then the lowest service id. */
class ShimCatalogTest {

    private final ShimCatalog catalog = new ShimCatalog();

    private static Shim shimReporting(long pid) {
        return (sandbox, params) -> new NoProcess(-pid, ShimType.NOOP, params);
    }

    private void offer(ShimType type, int ranking, long serviceId) {
        catalog.put(serviceId, List.of(new ShimOffer(type, ranking, serviceId, "b" + serviceId, "1.0.0",
                shimReporting(serviceId), Map.of(), null, "")));
    }

    @Test
    void theHighestRankingServes() {
        offer(ShimType.NOOP, 0, 10);
        offer(ShimType.NOOP, 5, 11);
        offer(ShimType.NOOP, -3, 12);

        assertThat(catalog.serving(ShimType.NOOP)).get().extracting(ShimOffer::serviceId).isEqualTo(11L);
    }

    @Test
    void onEqualRankingTheLowestServiceIdServes() {
        offer(ShimType.NOOP, 2, 21);
        offer(ShimType.NOOP, 2, 20);
        offer(ShimType.NOOP, 2, 22);

        assertThat(catalog.serving(ShimType.NOOP)).get().extracting(ShimOffer::serviceId).isEqualTo(20L);
    }

    @Test
    void whenTheServingServiceGoesTheNextTakesOver() {
        offer(ShimType.NOOP, 5, 30);
        offer(ShimType.NOOP, 0, 31);

        catalog.remove(30);

        assertThat(catalog.serving(ShimType.NOOP)).get().extracting(ShimOffer::serviceId).isEqualTo(31L);
    }

    @Test
    void aTypeNobodyOffersHasNoServingService() {
        offer(ShimType.NOOP, 0, 40);

        assertThat(catalog.serving(ShimType.KATA)).isEmpty();
    }

    @Test
    void deployedListsEveryOfferByTypeWithTheServingOneFirst() {
        offer(ShimType.NOOP, 0, 50);
        offer(ShimType.KATA_BUILT_IN, 0, 51);
        offer(ShimType.NOOP, 7, 52);

        List<DeployedShim> deployed = catalog.deployed();

        assertThat(deployed).extracting(d -> d.type().name() + "/" + d.serviceId() + "/" + d.serving())
                .containsExactly("kataBuiltInShim/51/true", "noopShim/52/true", "noopShim/50/false");
    }

    @Test
    void typesAreListedOnceEachSortedByName() {
        offer(ShimType.NOOP, 0, 60);
        offer(ShimType.NOOP, 1, 61);
        offer(ShimType.KATA_BUILT_IN, 0, 62);

        assertThat(catalog.types()).containsExactly(ShimType.KATA_BUILT_IN, ShimType.NOOP);
    }

    @Test
    void aServiceChangingItsRankingIsReRanked() {
        offer(ShimType.NOOP, 5, 70);
        offer(ShimType.NOOP, 0, 71);

        offer(ShimType.NOOP, 9, 71);

        assertThat(catalog.serving(ShimType.NOOP)).get().extracting(ShimOffer::serviceId).isEqualTo(71L);
    }
}
