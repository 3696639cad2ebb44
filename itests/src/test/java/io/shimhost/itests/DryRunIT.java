package io.shimhost.itests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@code shim:start --dry-run}, black-box through a daemon and ctl: the plan is what the start
 * then does (the stand-in records its own argv), nothing runs or is recorded, and a dry run refuses
 * what the start refuses, in the same words.
 */
class DryRunIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private NodeDaemon node;
    private Path standIn;
    private Path record;

    @BeforeEach
    void daemon() throws Exception {
        node = new NodeDaemon(dir);
        standIn = KataStandIn.install(dir);
        record = dir.resolve("argv.txt");
        node.start("path = " + standIn, "pass.environment = " + KataStandIn.PASSED);
    }

    @AfterEach
    void stop() throws Exception {
        node.close();
    }

    private List<String> kataStart(String options) {
        List<String> words = new ArrayList<>(List.of(("shim:start " + options + " -u unix:///run/agent.sock "
                + "--env KATA_STANDIN_RECORD=" + record).split(" ")));
        words.add("kataShim");
        return words;
    }

    private String refusal(List<String> words) throws Exception {
        CtlClient.Ctl refused = node.client(words.toArray(String[]::new));
        assertThat(refused.status()).as(refused.stdout()).isEqualTo(1);
        return refused.stderr();
    }

    @Test
    void aDryRunInNewNamespacesPrintsKatasArgvAndStartsAndRecordsNothing() throws Exception {
        List<String> options = kataStart("-d -c c1 -t planned --new-ns net --new-ns uts --config debug=true");
        List<String> dry = new ArrayList<>(options);
        dry.add(1, "--dry-run");

        String plan = node.ctl(dry.toArray(String[]::new));

        assertThat(plan).contains("type         kataShim (io.shimhost.shim.kata ", "id           planned\n",
                "debug = true  (--config)", "path = " + standIn + "  (" + node.home().resolve("conf/io.shimhost.shim.kata.cfg") + ")",
                "argv         " + standIn + " -agent unix:///run/agent.sock -container c1 -exec-id planned -log debug\n",
                "stdio        /dev/null (detached)", "create       net, uts\n", "nothing was started: a dry run");
        assertThat(record).as("the stand-in never ran").doesNotExist();
        assertThat(node.ctl("shim:ps", "-q")).as("no row was recorded").isEmpty();

        node.ctl(options.toArray(String[]::new));
        node.ctl("shim:wait", "planned");
        assertThat(Files.readAllLines(record).stream().filter(l -> l.startsWith("arg=")).map(l -> l.substring(4)))
                .as("the start ran what the plan said").containsExactly("-agent", "unix:///run/agent.sock",
                        "-container", "c1", "-exec-id", "planned", "-log", "debug");
    }

    @Test
    void aDryRunInJsonGivesTheLaunchAndTheInodesOfTheNamespacesToEnter() throws Exception {
        long ipc = Long.parseLong(Files.readSymbolicLink(Path.of("/proc/self/ns/ipc")).toString().replaceAll("\\D", ""));
        List<String> dry = kataStart("--dry-run --format json -d -c c1 --enter-ns ipc=/proc/self/ns/ipc");

        JsonNode plan = JSON.readTree(node.ctl(dry.toArray(String[]::new)));

        assertThat(plan.get("type").asText()).isEqualTo("kataShim");
        assertThat(plan.get("launch").get("executable").asText()).isEqualTo(standIn.toString());
        assertThat(plan.get("launch").get("argv").get(0).asText()).isEqualTo(standIn.toString());
        assertThat(plan.get("launch").get("environment").get("KATA_STANDIN_RECORD").asText()).isEqualTo(record.toString());
        assertThat(plan.get("launch").get("stdio").get("kind").asText()).isEqualTo("discard");
        assertThat(plan.get("launch").get("enter").get(0).get("type").asText()).isEqualTo("ipc");
        assertThat(plan.get("launch").get("enter").get(0).get("inode").asLong()).isEqualTo(ipc);
        assertThat(record).doesNotExist();
    }

    @Test
    void aDryRunRefusesWhatTheStartRefusesInTheSameWords() throws Exception {
        for (String bad : List.of("-d -c c1 --config path=/nonexistent/kata-shim", "-d -c c1 --console /dev/null",
                "-d -c c1 --new-ns net --enter-ns net=/proc/self/ns/net", "-d -c c1 --config nosuchkey=1")) {
            List<String> start = kataStart(bad);
            List<String> dry = new ArrayList<>(start);
            dry.add(1, "--dry-run");

            assertThat(refusal(dry)).as(bad).isEqualTo(refusal(start)).isNotEmpty();
        }
        assertThat(node.ctl("shim:ps", "-q")).isEmpty();
    }

    @Test
    void aTypeWithoutAProcessPlansNone() throws Exception {
        assertThat(node.ctl("shim:start", "--dry-run", "-t", "n1", "noopShim")).isEqualTo(
                "type         noopShim (io.shimhost.shim.noop " + node.ctl("shim:types").lines()
                        .filter(l -> l.startsWith("noopShim")).findFirst().orElseThrow().split("\\s+")[2] + ")\n"
                        + "id           n1\n"
                        + "config       none\n"
                        + "launch       none: noopShim runs no process; nothing is spawned\n"
                        + "nothing was started: a dry run\n");
        assertThat(node.ctl("shim:ps", "-q")).isEmpty();
    }
}
