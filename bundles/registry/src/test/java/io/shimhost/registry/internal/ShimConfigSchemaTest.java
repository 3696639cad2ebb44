package io.shimhost.registry.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.shimhost.api.InvalidParameterException;
import io.shimhost.api.ShimType;
import io.shimhost.api.registry.ShimConfigEntry;

class ShimConfigSchemaTest {

    private static final ShimConfigSchema KATA = new ShimConfigSchema(ShimType.KATA, List.of(
            new ConfigKey("path", ConfigKey.ValueType.STRING, false, List.of("/usr/bin/kata-shim"), "the binary"),
            new ConfigKey("debug", ConfigKey.ValueType.BOOLEAN, false, List.of("false"), "log debug"),
            new ConfigKey("retries", ConfigKey.ValueType.INTEGER, false, List.of("3"), "how often"),
            new ConfigKey("pass.environment", ConfigKey.ValueType.STRING, true, List.of("A", "B,C"), "names")));
    private static final ShimConfigSchema.Configured NONE = new ShimConfigSchema.Configured(Map.of(), "io.shimhost.shim.kata", null);

    private static ShimConfigSchema.Configured file(Map<String, Object> properties) {
        return new ShimConfigSchema.Configured(properties, "io.shimhost.shim.kata", "file:/etc/shimhost/kata.cfg");
    }

    @Test
    void theDefaultsThenTheConfiguredValuesThenTheOverridesApplyEachTyped() throws Exception {
        Map<String, Object> effective = KATA.effective(file(Map.of("debug", "true", "retries", "5", "service.pid", "x")),
                Map.of("retries", "7"));

        assertThat(effective).containsEntry("path", "/usr/bin/kata-shim").containsEntry("debug", true)
                .containsEntry("retries", 7).doesNotContainKey("service.pid");
        assertThat((String[]) effective.get("pass.environment")).as("a default element may hold a comma")
                .containsExactly("A", "B,C");
    }

    @Test
    void aListGivenAsAStringIsSplitAtCommas() throws Exception {
        assertThat((String[]) KATA.effective(NONE, Map.of("pass.environment", "HOME, TERM")).get("pass.environment"))
                .containsExactly("HOME", "TERM");
    }

    @Test
    void anUnknownKeyIsRefusedWithTheKnownKeys() {
        assertThatThrownBy(() -> KATA.effective(NONE, Map.of("nosuchkey", "1")))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessage("Unknown kataShim config key \"nosuchkey\": known keys are debug, pass.environment, path, retries");
    }

    @Test
    void aTypeWithoutKeysRefusesEveryKey() {
        assertThatThrownBy(() -> new ShimConfigSchema(ShimType.NOOP, List.of()).effective(NONE, Map.of("path", "/x")))
                .hasMessage("Unknown noopShim config key \"path\": noopShim takes no configuration");
    }

    @Test
    void aValueOfTheWrongTypeNamesTheKeyTheValueAndTheType() {
        assertThatThrownBy(() -> KATA.effective(NONE, Map.of("debug", "maybe")))
                .hasMessage("kataShim config key \"debug\" must be a boolean (true or false), not \"maybe\"");
        assertThatThrownBy(() -> KATA.effective(NONE, Map.of("retries", "many")))
                .hasMessage("kataShim config key \"retries\" must be an integer, not \"many\"");
        assertThatThrownBy(() -> KATA.effective(NONE, Map.of("path", 42)))
                .hasMessage("kataShim config key \"path\" must be a string, not \"42\"");
    }

    @Test
    void aBadConfiguredValueNamesTheConfigurationAndItsFile() {
        assertThatThrownBy(() -> KATA.effective(file(Map.of("debug", "maybe")), Map.of()))
                .hasMessage("kataShim is deployed but its configuration is invalid: configuration io.shimhost.shim.kata"
                        + " in file:/etc/shimhost/kata.cfg: kataShim config key \"debug\" must be a boolean (true or "
                        + "false), not \"maybe\"");
    }

    @Test
    void eachKeyIsShownWithItsDefaultItsValueAndWhereTheValueComesFrom() throws Exception {
        List<ShimConfigEntry> entries = KATA.entries(file(Map.of("debug", "true")));

        assertThat(entries).extracting(ShimConfigEntry::key).containsExactly("debug", "pass.environment", "path", "retries");
        assertThat(entries.get(0)).isEqualTo(new ShimConfigEntry("debug", "Boolean", "log debug", "false", "true",
                "/etc/shimhost/kata.cfg"));
        assertThat(entries.get(1)).isEqualTo(new ShimConfigEntry("pass.environment", "String[]", "names", "A,B,C",
                "A,B,C", "default"));
    }
}
