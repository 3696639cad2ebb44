package io.shimhost.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.shimhost.api.NoProcess;
import io.shimhost.api.ShimParams;
import io.shimhost.api.ShimType;
import io.shimhost.api.registry.DeployedShim;
import io.shimhost.api.registry.ShimRecord;
import io.shimhost.api.registry.ShimRecord.Supervision;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The JSON shapes, read back with a real parser: every field there, null where unknown. */
class ShimJsonTest {

    private static final ObjectMapper PARSER = new ObjectMapper();

    private static ShimRecord noProcess() throws Exception {
        ShimParams params = ShimParams.builder().token("t \"1\"").container("c1").build();
        return new ShimRecord(new NoProcess(0, ShimType.NOOP, params), "sb", Supervision.STARTED);
    }

    @Test
    void aShimHasEveryFieldAndNullForWhatItDoesNotHave() throws Exception {
        JsonNode shim = PARSER.readTree(ShimJson.shim(noProcess()));

        assertThat(shim.fieldNames()).toIterable().containsExactly("id", "type", "container", "sandbox", "pid", "state",
                "exitCode", "signal", "supervision", "started", "cgroup", "namespaces");
        assertThat(shim.get("id").asText()).isEqualTo("t \"1\"");
        assertThat(shim.get("type").asText()).isEqualTo("noopShim");
        assertThat(shim.get("pid").asLong()).isZero();
        assertThat(shim.get("state").asText()).isEqualTo("no-process");
        assertThat(shim.get("supervision").asText()).isEqualTo("started");
        assertThat(shim.get("exitCode").isNull()).isTrue();
        assertThat(shim.get("signal").isNull()).isTrue();
        assertThat(shim.get("namespaces").isNull()).isTrue();
        assertThat(shim.get("cgroup").isNull()).isTrue();
        assertThat(java.time.Instant.parse(shim.get("started").asText())).isNotNull();
    }

    @Test
    void aListOfShimsIsAnArrayOnOneLineWrittenAsItIsMade() throws Exception {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        ShimJson.writeShims(bytes, List.of(noProcess(), noProcess()));
        String json = bytes.toString(java.nio.charset.StandardCharsets.UTF_8);

        assertThat(json).endsWith("]\n").hasLineCount(1);
        assertThat(PARSER.readTree(json).size()).isEqualTo(2);
    }

    @Test
    void aTypeSaysWhichBundleServesIt() throws Exception {
        JsonNode type = PARSER.readTree(ShimJson.types(List.of(new DeployedShim(ShimType.NOOP, "io.shimhost.shim.noop",
                "0.1.0", 5, 42, true)))).get(0);

        assertThat(type.get("type").asText()).isEqualTo("noopShim");
        assertThat(type.get("bundle").asText()).isEqualTo("io.shimhost.shim.noop");
        assertThat(type.get("ranking").asInt()).isEqualTo(5);
        assertThat(type.get("serving").asBoolean()).isTrue();
    }
}
