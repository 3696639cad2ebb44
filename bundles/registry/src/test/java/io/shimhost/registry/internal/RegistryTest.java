package io.shimhost.registry.internal;

import io.shimhost.api.registry.ShimRecord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.shimhost.api.InvalidParameterException;
import io.shimhost.api.SandboxConfig;
import io.shimhost.api.ShimParams;
import io.shimhost.api.ShimType;
import io.shimhost.api.UnknownShimTypeException;

/** Starting a shim through the registry when nothing, or nothing of the type, is deployed. */
class RegistryTest {

    @TempDir
    static Path state;

    private Registry registry;

    @BeforeEach
    void activate() throws Exception {
        registry = new Registry(state);
    }

    @AfterEach
    void deactivate() {
        registry.deactivate();
    }

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
        assertThat(registry.table().stream().map(ShimRecord::shim).toList()).isEmpty();
    }
}
