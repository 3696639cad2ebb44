package io.shimhost.itests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The example client under examples/kata-client (Python, its standard library only) against a daemon. */
class KataClientIT {

    private static final Path EXAMPLE = Path.of(System.getProperty("shimhost.example.kataclient",
            "../examples/kata-client"));

    @TempDir
    Path dir;

    private NodeDaemon node;

    @BeforeEach
    void daemon() throws Exception {
        node = new NodeDaemon(dir).start();
    }

    @AfterEach
    void stop() throws InterruptedException {
        node.close();
    }

    @Test
    void theExampleClientStartsChecksWaitsForAndStopsShims() throws Exception {
        Path standIn = KataStandIn.install(Files.createDirectories(dir.resolve("bin")));
        ProcessBuilder python = new ProcessBuilder("python3", "-m", "unittest", "-v", "test_shimhost_client")
                .directory(EXAMPLE.toFile()).redirectErrorStream(true);
        python.environment().put("SHIMHOST_API_SOCKET", node.state().resolve("api.sock").toString());
        python.environment().put("KATA_SHIM_STANDIN", standIn.toString());
        python.environment().put("PYTHONDONTWRITEBYTECODE", "1");
        Process tests = python.start();
        String output = new String(tests.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(tests.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(tests.exitValue()).as(output).isZero();
        assertThat(output).contains("Ran 5 tests").contains("OK");
    }
}
