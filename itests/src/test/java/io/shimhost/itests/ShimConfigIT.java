package io.shimhost.itests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Every shim type's configuration checked by the registry, black-box through a daemon and ctl:
 * kataShim's keys shown with their origins, and the example bundle's keys (a vendor's type)
 * refused when unknown and reaching its shim when known.
 */
class ShimConfigIT {

    @TempDir
    Path dir;

    private NodeDaemon node;
    private Path standIn;

    @BeforeEach
    void folders() throws Exception {
        node = new NodeDaemon(dir);
        standIn = KataStandIn.install(dir);
    }

    @AfterEach
    void stop() throws Exception {
        node.close();
    }

    /** A daemon with the example bundle in deploy/, once commandShim is deployed. */
    private void daemonWithCommandShim() throws Exception {
        Files.copy(ShimhostFramework.jar("org.example.shim.command").toPath(),
                node.home().resolve("deploy").resolve("command-shim.jar"));
        node.start();
        Instant deadline = Instant.now().plus(NodeDaemon.PATIENCE);
        while (!node.ctl("shim:types").contains("commandShim")) {
            assertThat(Instant.now()).as("commandShim deployed from deploy/").isBefore(deadline);
            Thread.sleep(100);
        }
    }

    private String refusal(String... args) throws Exception {
        CtlClient.Ctl refused = node.client(args);
        assertThat(refused.status()).as(refused.stdout()).isEqualTo(1);
        return refused.stderr();
    }

    @Test
    void shimConfigShowsKatasKeysWithTheirDefaultsValuesAndOrigins() throws Exception {
        node.start("path = " + standIn, "debug = true");
        Path cfg = node.home().resolve("conf").resolve("io.shimhost.shim.kata.cfg");

        String table = node.ctl("shim:config", "kataShim");

        assertThat(table.lines().map(String::strip).map(l -> l.replaceAll("\\s{2,}", " | ")))
                .contains("KEY | TYPE | DEFAULT | VALUE | ORIGIN",
                        "debug | Boolean | false | true | " + cfg,
                        "path | String | /usr/libexec/kata-containers/kata-shim | " + standIn + " | " + cfg,
                        "trace | Boolean | false | false | default")
                .anySatisfy(l -> assertThat(l).startsWith("pass.environment | String[] |").endsWith("| default"))
                .contains("path: Path of the kata-shim binary.");
    }

    @Test
    void shimConfigInJsonHasEveryKeyWithItsDescription() throws Exception {
        node.start();

        JsonNode config = new ObjectMapper().readTree(node.ctl("shim:config", "--format", "json", "kataShim"));

        assertThat(config.get("type").asText()).isEqualTo("kataShim");
        assertThat(config.get("keys")).extracting(k -> k.get("key").asText())
                .containsExactly("cgroup", "cgroup.parent", "cpu.weight", "debug", "memory", "pass.environment", "path",
                        "pids", "trace");
        assertThat(config.get("keys").get(6).get("default").asText()).isEqualTo("/usr/libexec/kata-containers/kata-shim");
        assertThat(config.get("keys").get(6).get("origin").asText()).isEqualTo("default");
        assertThat(config.get("keys").get(3).get("description").asText()).startsWith("Pass -log debug");
    }

    @Test
    void aTypeWithoutConfigurationSaysSoAndRefusesEveryKey() throws Exception {
        node.start();

        assertThat(node.ctl("shim:config", "noopShim")).isEqualTo("noopShim takes no configuration\n");
        assertThat(refusal("shim:start", "--config", "path=/bin/true", "noopShim"))
                .isEqualTo("Unknown noopShim config key \"path\": noopShim takes no configuration\n");
    }

    @Test
    void aVendorTypesUnknownKeyIsRefusedNamingTheValidKeys() throws Exception {
        daemonWithCommandShim();

        assertThat(refusal("shim:start", "-c", "c1", "--config", "nosuchkey=1", "commandShim"))
                .isEqualTo("Unknown commandShim config key \"nosuchkey\": known keys are arguments, command\n");
        assertThat(node.ctl("shim:ps", "-q")).as("nothing was recorded").isEmpty();
    }

    @Test
    void aValueOfTheWrongTypeIsRefusedNamingKeyValueAndType() throws Exception {
        node.start("path = " + standIn);

        assertThat(refusal(KataStandIn.start(standIn, "-c c1 --config debug=maybe").split(" ")))
                .isEqualTo("kataShim config key \"debug\" must be a boolean (true or false), not \"maybe\"\n");
    }

    @Test
    void aStartsConfigurationReachesTheVendorsShim() throws Exception {
        daemonWithCommandShim();

        node.ctl("shim:start", "-c", "c1", "-t", "seven", "-d", "--config", "command=/bin/sh",
                "--config", "arguments=-c,exit 7,sh", "commandShim");

        assertThat(node.ctl("shim:wait", "seven")).isEqualTo("exited 7\n");
    }
}
