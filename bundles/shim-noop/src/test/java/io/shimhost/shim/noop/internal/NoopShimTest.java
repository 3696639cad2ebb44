package io.shimhost.shim.noop.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.shimhost.api.ExitStatus;
import io.shimhost.api.SandboxConfig;
import io.shimhost.api.ShimParams;
import io.shimhost.api.ShimProcess;
import io.shimhost.api.ShimType;

/** Kata's noop_shim_test.go: start returns pid 0 and no error. */
class NoopShimTest {

    private final ShimParams params = ShimParams.builder().container("c1").token("t1").build();

    @Test
    void startReportsPidZero() throws Exception {
        ShimProcess shim = new NoopShim().start(SandboxConfig.of("s1", ShimType.NOOP, Map.of()), params);

        assertThat(shim.pid()).isZero();
        assertThat(shim.type()).isEqualTo(ShimType.NOOP);
        assertThat(shim.container()).isEqualTo("c1");
        assertThat(shim.token()).isEqualTo("t1");
    }

    @Test
    void theStartedShimIsNeverRunningAndWaitingReturnsAtOnce() throws Exception {
        ShimProcess shim = new NoopShim().start(SandboxConfig.of("s1", ShimType.NOOP, Map.of()), params);

        assertThat(shim.isRunning()).isFalse();
        assertThat(shim.waitFor(Duration.ZERO)).isEqualTo(ExitStatus.noProcess());
    }

    @Test
    void startAcceptsEmptyParametersAsKataDoes() throws Exception {
        assertThat(new NoopShim().start(null, ShimParams.builder().build()).pid()).isZero();
    }
}
