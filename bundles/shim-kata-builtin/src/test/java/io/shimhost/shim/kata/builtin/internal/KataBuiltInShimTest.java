package io.shimhost.shim.kata.builtin.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.shimhost.api.SandboxConfig;
import io.shimhost.api.ShimParams;
import io.shimhost.api.ShimProcess;
import io.shimhost.api.ShimType;

/** Kata's kata_builtin_shim_test.go: start returns pid -1 and no error. */
class KataBuiltInShimTest {

    @Test
    void startReportsPidMinusOne() throws Exception {
        ShimProcess shim = new KataBuiltInShim().start(SandboxConfig.of("s1", ShimType.KATA_BUILT_IN, Map.of()),
                ShimParams.builder().container("c1").token("t1").build());

        assertThat(shim.pid()).isEqualTo(-1);
        assertThat(shim.type()).isEqualTo(ShimType.KATA_BUILT_IN);
    }

    @Test
    void signallingAndStoppingTheBuiltInShimTouchNoProcess() throws Exception {
        ShimProcess shim = new KataBuiltInShim().start(null, ShimParams.builder().build());

        shim.signal(9);
        shim.stop();

        assertThat(shim.isRunning()).isFalse();
    }
}
