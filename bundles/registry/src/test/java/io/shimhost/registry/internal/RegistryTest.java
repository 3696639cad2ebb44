package io.shimhost.registry.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.shimhost.api.InvalidParameterException;
import io.shimhost.api.SandboxConfig;
import io.shimhost.api.ShimParams;
import io.shimhost.api.ShimType;
import io.shimhost.api.UnknownShimTypeException;

/** Starting a shim through the registry when nothing, or nothing of the type, is deployed. */
class RegistryTest {

    private final Registry registry = new Registry();

    @Test
    void startingWithoutASandboxIsKatasFirstError() {
        assertThatThrownBy(() -> registry.start(null, ShimParams.builder().build()))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessage("Sandbox config cannot be nil");
    }

    @Test
    void startingAnUndeployedTypeFailsNamingItInsteadOfFallingBackToNoop() throws Exception {
        SandboxConfig sandbox = SandboxConfig.of("sb", ShimType.parse("vendorShim"), Map.of());

        assertThatThrownBy(() -> registry.start(sandbox, ShimParams.builder().build()))
                .isInstanceOf(UnknownShimTypeException.class)
                .hasMessageContaining("\"vendorShim\"")
                .hasMessageContaining("deployed types: none");
        assertThat(registry.started()).isEmpty();
    }
}
