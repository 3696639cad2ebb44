package io.shimhost.shim.kata.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.osgi.util.converter.Converters;

import io.shimhost.api.InvalidParameterException;
import io.shimhost.api.ShimType;

/** Per-start overrides of a shim's configured defaults. */
class TypedShimConfigTest {

    private final TypedShimConfig<KataShimConfig> typed = new TypedShimConfig<>(KataShimConfig.class, ShimType.KATA);

    private final KataShimConfig defaults = Converters.standardConverter()
            .convert(Map.of("path", "/configured/kata-shim", "debug", true)).to(KataShimConfig.class);

    @Test
    void withoutOverridesTheConfiguredDefaultsApply() throws Exception {
        KataShimConfig c = typed.override(defaults, Map.of());

        assertThat(c.path()).isEqualTo("/configured/kata-shim");
        assertThat(c.debug()).isTrue();
        assertThat(c.trace()).isFalse();
    }

    @Test
    void anOverrideReplacesOnlyItsKey() throws Exception {
        KataShimConfig c = typed.override(defaults, Map.of("path", "/sandbox/kata-shim"));

        assertThat(c.path()).isEqualTo("/sandbox/kata-shim");
        assertThat(c.debug()).isTrue();
    }

    @Test
    void booleansMayBeGivenAsTextInAnyCase() throws Exception {
        assertThat(typed.override(defaults, Map.of("debug", "FALSE", "trace", "True")))
                .satisfies(c -> {
                    assertThat(c.debug()).isFalse();
                    assertThat(c.trace()).isTrue();
                });
    }

    @Test
    void aKeyWithADotNamesTheElementWithAnUnderscore() throws Exception {
        KataShimConfig c = typed.override(defaults, Map.of("pass.environment", "HTTP_PROXY"));

        assertThat(c.pass_environment()).containsExactly("HTTP_PROXY");
    }

    @Test
    void aNumberIsNotAPath() {
        assertThatThrownBy(() -> typed.override(defaults, Map.of("path", 42)))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("\"path\" must be a string");
    }

    @Test
    void aNumberIsNotABoolean() {
        assertThatThrownBy(() -> typed.override(defaults, Map.of("trace", 1)))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("\"trace\" must be a boolean");
    }

    @Test
    void propertiesThatAreNotConfigKeysAreLeftAloneWhenCheckingAConfiguration() throws Exception {
        typed.checkKnownKeys(Map.of("service.pid", KataShim.PID, "component.id", 7L, "debug", "true"));
    }
}
