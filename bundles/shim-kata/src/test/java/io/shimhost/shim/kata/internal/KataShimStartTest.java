package io.shimhost.shim.kata.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.osgi.util.converter.Converters;

import io.shimhost.api.InvalidParameterException;
import io.shimhost.api.ProcessService;
import io.shimhost.api.ProcessSpec;
import io.shimhost.api.PseudoTerminal;
import io.shimhost.api.SandboxConfig;
import io.shimhost.api.ShimParams;
import io.shimhost.api.ShimType;
import io.shimhost.api.SupervisedProcess;

/**
 * Kata's kata_shim_test.go checks, in Kata's order, before anything is launched. The process
 * service here only proves that nothing was launched; real launches come with the core bundle.
 */
class KataShimStartTest {

    private static final ProcessService MUST_NOT_LAUNCH = new ProcessService() {
        @Override
        public SupervisedProcess launch(ProcessSpec spec) {
            throw new AssertionError("launched although a check should have failed: " + spec);
        }

        @Override
        public io.shimhost.api.ProcessPlan plan(ProcessSpec spec) {
            throw new AssertionError("planned although a check should have failed: " + spec);
        }

        @Override
        public PseudoTerminal openPseudoTerminal() {
            throw new AssertionError("a kataShim start opens no pseudo-terminal");
        }

        @Override
        public java.util.Map<io.shimhost.api.NamespaceType, Long> hostNamespaces() {
            throw new AssertionError("a kataShim start asks for no namespaces");
        }

        @Override
        public java.util.OptionalLong startTimeOf(long pid) {
            throw new AssertionError("a kataShim start looks up no process");
        }

        @Override
        public java.util.Optional<io.shimhost.api.ProcessUsage> usage(long pid, long startTime) {
            throw new AssertionError("a kataShim start reads no usage");
        }

        @Override
        public java.util.Optional<io.shimhost.api.ProcessView> inspect(long pid, long startTime) {
            throw new AssertionError("a kataShim start inspects no process");
        }

        @Override
        public SupervisedProcess adopt(long pid, long startTime) {
            throw new AssertionError("a kataShim start adopts no process");
        }

        @Override
        public java.util.Map<String, SupervisedProcess> adoptLaunched(java.util.Set<String> launchIds) {
            throw new AssertionError("a kataShim start adopts no process");
        }

        @Override
        public String bootId() {
            throw new AssertionError("a kataShim start asks for no boot id");
        }

        @Override
        public java.util.Map<Long, Integer> pidfds() {
            throw new AssertionError("a kataShim start counts no pidfd");
        }
    };

    private static final ShimParams COMPLETE = ShimParams.builder()
            .url("unix:///run/agent.sock").container("c1").token("tok").build();

    private final KataShim shim = kataShim(Map.of());

    private static KataShim kataShim(Map<String, Object> config) {
        return new KataShim(MUST_NOT_LAUNCH, Converters.standardConverter().convert(config).to(KataShimConfig.class),
                config);
    }

    private static SandboxConfig sandbox(Map<String, ?> shimConfig) throws InvalidParameterException {
        return SandboxConfig.of("sb1", ShimType.KATA, shimConfig);
    }

    @Test
    void aMissingSandboxConfigIsTheFirstError() {
        assertThatThrownBy(() -> shim.start(null, ShimParams.builder().build()))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessage("Sandbox config cannot be nil");
    }

    @Test
    void anEmptyShimPathIsTheSecondError() {
        assertThatThrownBy(() -> shim.start(sandbox(Map.of("path", "")), ShimParams.builder().build()))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessage("Shim path cannot be empty");
    }

    @Test
    void anEmptyUrlIsTheThirdError() {
        assertThatThrownBy(() -> shim.start(sandbox(Map.of()), ShimParams.builder().build()))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessage("URL cannot be empty");
    }

    @Test
    void anEmptyContainerIsTheFourthError() {
        assertThatThrownBy(() -> shim.start(sandbox(Map.of()), ShimParams.builder().url("unix:///a").build()))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessage("Container cannot be empty");
    }

    @Test
    void anEmptyTokenIsTheFifthError() {
        ShimParams noToken = ShimParams.builder().url("unix:///a").container("c1").build();

        assertThatThrownBy(() -> shim.start(sandbox(Map.of()), noToken))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessage("Process token cannot be empty")
                .satisfies(e -> assertThat(((InvalidParameterException) e).parameter()).isEqualTo("token"));
    }

    @Test
    void anUnknownShimConfigKeyIsAnErrorNamingTheKey() {
        assertThatThrownBy(() -> shim.start(sandbox(Map.of("pth", "/x")), COMPLETE))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("\"pth\"")
                .hasMessageContaining("cgroup, cgroup.parent, cpu.weight, debug, memory, pass.environment, path, pids, trace");
    }

    @Test
    void aShimConfigValueOfTheWrongTypeIsAnErrorNamingTheKey() {
        assertThatThrownBy(() -> shim.start(sandbox(Map.of("debug", "yes")), COMPLETE))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("\"debug\"")
                .hasMessageContaining("\"yes\"");
    }

    @Test
    void aConfiguredDefaultOfTheWrongTypeFailsEveryStartNamingTheFileTheKeyAndTheValue() {
        Map<String, Object> bad = new HashMap<>(Map.of("trace", "sometimes", "service.pid", KataShim.PID,
                "felix.fileinstall.filename", "file:/etc/shimhost/conf/io.shimhost.shim.kata.cfg"));
        KataShim misconfigured = new KataShim(MUST_NOT_LAUNCH,
                Converters.standardConverter().convert(Map.of()).to(KataShimConfig.class), bad);

        assertThatThrownBy(() -> misconfigured.start(sandbox(Map.of()), COMPLETE))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessage("kataShim is deployed but its configuration is invalid: configuration io.shimhost.shim.kata"
                        + " in file:/etc/shimhost/conf/io.shimhost.shim.kata.cfg: kataShim config key \"trace\" must be"
                        + " a boolean (true or false), not \"sometimes\"");
    }

    @Test
    void aConfigurationMadeValidAgainIsUsed() throws Exception {
        KataShim shim = kataShim(Map.of("trace", "sometimes"));

        shim.modified(Converters.standardConverter().convert(Map.of()).to(KataShimConfig.class), Map.of("trace", "true"));

        assertThatThrownBy(() -> shim.start(sandbox(Map.of()), COMPLETE)).hasMessageNotContaining("invalid");
    }
}
