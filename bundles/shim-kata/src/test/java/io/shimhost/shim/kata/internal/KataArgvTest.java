package io.shimhost.shim.kata.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.osgi.util.converter.Converters;

import io.shimhost.api.ShimParams;

/** Kata's kata_shim argv, element by element, for every combination of the optional parts. */
class KataArgvTest {

    @ParameterizedTest(name = "terminal={0} debug={1} consoleUrl={2} trace={3}")
    @CsvSource({
        "false,false,false,false", "true,false,false,false", "false,true,false,false", "false,false,true,false",
        "false,false,false,true", "true,true,false,false", "true,false,true,false", "true,false,false,true",
        "false,true,true,false", "false,true,false,true", "false,false,true,true", "true,true,true,false",
        "true,true,false,true", "true,false,true,true", "false,true,true,true", "true,true,true,true"})
    void argvIsKatasForEveryCombination(boolean terminal, boolean debug, boolean consoleUrl, boolean trace)
            throws Exception {
        KataShimConfig config = Converters.standardConverter()
                .convert(Map.of("path", "/opt/kata-shim", "debug", debug, "trace", trace)).to(KataShimConfig.class);
        ShimParams params = ShimParams.builder().url("unix:///run/agent.sock").container("c1").token("tok")
                .terminal(terminal).consoleUrl(consoleUrl ? "unix:///run/console.sock" : "").build();

        List<String> expected = new ArrayList<>(List.of("/opt/kata-shim", "-agent", "unix:///run/agent.sock",
                "-container", "c1", "-exec-id", "tok"));
        if (terminal) {
            expected.add("-terminal");
        }
        if (debug) {
            expected.addAll(List.of("-log", "debug"));
            if (consoleUrl) {
                expected.addAll(List.of("-agent-logs-socket", "unix:///run/console.sock"));
            }
        }
        if (trace) {
            expected.add("-trace");
        }

        assertThat(KataArgv.of(config, params)).containsExactlyElementsOf(expected);
    }
}
