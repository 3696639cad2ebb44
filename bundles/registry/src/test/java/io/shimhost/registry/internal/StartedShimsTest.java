package io.shimhost.registry.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.shimhost.api.NoProcess;
import io.shimhost.api.ShimParams;
import io.shimhost.api.ShimType;

/** Finding a started shim by id or pid. */
class StartedShimsTest {

    private final StartedShims table = new StartedShims();

    @Test
    void aShimIsFoundByItsToken() {
        NoProcess shim = new NoProcess(0, ShimType.NOOP, ShimParams.builder().token("abc").build());
        table.add(shim);

        assertThat(table.find("abc")).containsSame(shim);
    }

    @Test
    void aNumberThatIsNoTokenIsNeverMatchedToPidZeroOrMinusOne() {
        table.add(new NoProcess(0, ShimType.NOOP, ShimParams.builder().token("a").build()));
        table.add(new NoProcess(-1, ShimType.KATA_BUILT_IN, ShimParams.builder().token("b").build()));

        assertThat(table.find("0")).isEmpty();
        assertThat(table.find("-1")).isEmpty();
    }

    @Test
    void shimsAreListedOldestFirst() {
        table.add(new NoProcess(0, ShimType.NOOP, ShimParams.builder().token("first").build()));
        table.add(new NoProcess(0, ShimType.NOOP, ShimParams.builder().token("second").build()));

        assertThat(table.all()).extracting(s -> s.token()).containsExactly("first", "second");
    }
}
