package io.shimhost.itests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTTP API on the daemon's Unix-domain socket, driven with curl as a script would: every
 * resource and error, each answer checked against the OpenAPI document ({@link ApiContract}).
 */
class HttpApiIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private NodeDaemon node;
    private ApiClient api;
    private Path standIn;

    @BeforeEach
    void daemon() throws Exception {
        node = new NodeDaemon(dir).start();
        api = new ApiClient(node.state().resolve("api.sock"), Files.createDirectories(dir.resolve("calls")));
        standIn = KataStandIn.install(Files.createDirectories(dir.resolve("bin")));
    }

    @AfterEach
    void stop() throws InterruptedException {
        node.close();
    }

    /**
     * A start request for the kata-shim stand-in, staying up {@code seconds}; it exits 7 then, and
     * so stays a shell script while it sleeps (with 0 it would exec sleep).
     */
    private String kata(String id, int seconds) {
        return KataStandIn.apiStart(id, standIn, ", \"env\": {\"KATA_STANDIN_SLEEP\": \"" + seconds
                + "\", \"KATA_STANDIN_EXIT\": \"7\"}");
    }

    private static JsonNode json(ApiClient.Response response) throws Exception {
        return JSON.readTree(response.body());
    }

    @Test
    void theDocumentServedIsTheOneInTheRepository() throws Exception {
        ApiClient.Response served = api.get("/v1/openapi.json");

        assertThat(served.status()).isEqualTo(200);
        assertThat(json(served)).isEqualTo(ApiContract.document());
    }

    @Test
    void versionNamesTheNodeAndTheApi() throws Exception {
        JsonNode version = json(api.get("/v1/version"));

        assertThat(version.get("api").asText()).isEqualTo("v1");
        assertThat(version.get("version").asText()).isNotEmpty();
    }

    @Test
    void typesCarryTheirConfigurationSchema() throws Exception {
        JsonNode types = json(api.get("/v1/types"));

        assertThat(types.findValuesAsText("type")).contains("noopShim", "kataShim", "kataBuiltInShim");
        assertThat(types.toString()).contains("\"key\":\"path\"");
    }

    @Test
    void aStartIsInspectedSignalledStoppedWaitedForAndForgotten() throws Exception {
        ApiClient.Response started = api.post("/v1/shims", kata("k1", 60));
        assertThat(started.status()).as(started.body()).isEqualTo(201);
        assertThat(started.headers().get("location")).isEqualTo("/v1/shims/k1");
        long pid = json(started).get("pid").asLong();
        assertThat(json(started).get("state").asText()).isEqualTo("running");

        JsonNode inspected = json(api.get("/v1/shims/k1"));
        assertThat(inspected.at("/shim/pid").asLong()).isEqualTo(pid);
        assertThat(inspected.at("/process/argv").toString()).contains("-exec-id", "k1");
        assertThat(inspected.at("/process/environment").toString()).contains("KATA_STANDIN_SLEEP").doesNotContain("60");
        assertThat(inspected.at("/config/path").asText()).isEqualTo(standIn.toString());
        assertThat(inspected.at("/config/debug").asText()).isEqualTo("false");
        assertThat(inspected.get("ended").isNull()).isTrue();

        assertThat(api.post("/v1/shims/k1/signal", "{\"signal\": \"CONT\"}").status()).isEqualTo(200);
        assertThat(json(api.post("/v1/shims/k1/wait?timeout=0.2", null)).get("state").asText()).isEqualTo("running");
        ApiClient.Response stopped = api.post("/v1/shims/k1/stop?timeout=5", null);
        assertThat(json(stopped).get("state").asText()).as(stopped.body()).isIn("exited", "killed");
        assertThat(json(api.post("/v1/shims/k1/wait", null)).get("state").asText()).isIn("exited", "killed");
        JsonNode ended = json(api.get("/v1/shims/k1"));
        assertThat(java.time.Instant.parse(ended.get("ended").asText())).isAfter(
                java.time.Instant.parse(ended.at("/shim/started").asText()));
        assertThat(ended.get("process").isNull()).isTrue();
        assertThat(json(api.delete("/v1/shims/k1")).get("id").asText()).isEqualTo("k1");
        assertThat(api.get("/v1/shims/k1").status()).isEqualTo(404);
        assertThat(Path.of("/proc", Long.toString(pid))).doesNotExist();
    }

    @Test
    void aStopWithoutTimeoutIsKatasSigkill() throws Exception {
        api.post("/v1/shims", kata("k2", 60));

        JsonNode stopped = json(api.post("/v1/shims/k2/stop", null));

        assertThat(stopped.get("state").asText()).as(stopped.toString()).isEqualTo("killed");
        assertThat(stopped.get("signal").asText()).isEqualTo("SIGKILL");
    }

    @Test
    void anIdIsDataNeverCode() throws Exception {
        api.post("/v1/shims", "{\"type\": \"noopShim\", \"id\": \"k1\"}");

        ApiClient.Response started = api.post("/v1/shims", "{\"type\": \"noopShim\", \"id\": \"(shim:forget k1)\", "
                + "\"container\": \"$(touch " + dir.resolve("pwned") + ")\"}");

        assertThat(started.status()).isEqualTo(201);
        assertThat(json(started).get("id").asText()).isEqualTo("(shim:forget k1)");
        assertThat(api.get("/v1/shims/k1").status()).isEqualTo(200);
        assertThat(json(api.get("/v1/shims/%28shim%3Aforget%20k1%29")).at("/shim/container").asText())
                .isEqualTo("$(touch " + dir.resolve("pwned") + ")");
        assertThat(dir.resolve("pwned")).doesNotExist();
    }

    @Test
    void aDryRunAnswersThePlanAndRecordsNothing() throws Exception {
        ApiClient.Response plan = api.post("/v1/shims?dryRun=true", kata("k3", 60));

        assertThat(plan.status()).isEqualTo(200);
        assertThat(json(plan).at("/launch/argv").toString()).contains("-exec-id", "k3");
        assertThat(json(api.get("/v1/shims"))).isEmpty();
    }

    @Test
    void theTableIsFilteredByTypeContainerSandboxAndState() throws Exception {
        api.post("/v1/shims", "{\"type\": \"noopShim\", \"id\": \"n1\", \"container\": \"c1\"}");
        api.post("/v1/shims", "{\"type\": \"noopShim\", \"id\": \"n2\", \"container\": \"c2\", \"sandbox\": \"s2\"}");

        assertThat(json(api.get("/v1/shims?container=c1")).findValuesAsText("id")).containsExactly("n1");
        assertThat(json(api.get("/v1/shims?sandbox=s2")).findValuesAsText("id")).containsExactly("n2");
        assertThat(json(api.get("/v1/shims?type=noopShim&state=no-process")).findValuesAsText("id"))
                .containsExactly("n1", "n2");
        assertThat(json(api.get("/v1/shims?type=kataShim"))).isEmpty();
        assertThat(api.get("/v1/shims?color=red").status()).isEqualTo(400);
    }

    @Test
    void aBadFieldIsA400NamingItAndItsValue() throws Exception {
        JsonNode problem = json(api.post("/v1/shims", "{\"type\": \"noopShim\", \"pid\": \"many\"}"));

        assertThat(problem.get("status").asInt()).isEqualTo(400);
        assertThat(problem.get("field").asText()).isEqualTo("pid");
        assertThat(problem.get("value").asText()).isEqualTo("many");
        assertThat(json(api.post("/v1/shims", "{\"type\": \"noopShim\", \"colour\": 1}")).get("field").asText())
                .isEqualTo("colour");
        assertThat(json(api.post("/v1/shims", "{\"type\": \"nope\"}")).get("field").asText()).isEqualTo("type");
        assertThat(api.post("/v1/shims", "[1, 2]").status()).isEqualTo(400);
        assertThat(api.post("/v1/shims", "{\"type\": ").status()).isEqualTo(400);
    }

    @Test
    void aTakenIdAndForgettingARunningShimAreConflicts() throws Exception {
        api.post("/v1/shims", kata("k4", 60));

        assertThat(api.post("/v1/shims", kata("k4", 60)).status()).isEqualTo(409);
        assertThat(api.delete("/v1/shims/k4").status()).isEqualTo(409);
        api.post("/v1/shims/k4/stop", null);
        assertThat(api.post("/v1/shims/k4/signal", "{\"signal\": \"TERM\"}").status()).isEqualTo(409);
    }

    @Test
    void anUnknownShimIsA404AndAWrongMethodA405WithAllow() throws Exception {
        assertThat(api.get("/v1/shims/ghost").status()).isEqualTo(404);
        assertThat(api.post("/v1/shims/ghost/stop", null).status()).isEqualTo(404);
        ApiClient.Response wrong = api.raw("PUT", "/v1/shims", null, null, 30);
        ApiContract.checkProblem(wrong);
        assertThat(wrong.status()).isEqualTo(405);
        assertThat(wrong.headers().get("allow")).isEqualTo("GET, POST");
    }

    @Test
    void aBodyOfAnotherTypeIsA415AndAnOversizedOneA413() throws Exception {
        assertThat(api.call("POST", "/v1/shims", "text/plain", "{\"type\": \"noopShim\"}").status()).isEqualTo(415);
        String big = "{\"type\": \"noopShim\", \"env\": {\"X\": \"" + "x".repeat(70_000) + "\"}}";
        assertThat(api.post("/v1/shims", big).status()).isEqualTo(413);
    }

    @Test
    void eventsStreamAsNdjsonAndReplayTheWindowSinceATime() throws Exception {
        api.post("/v1/shims", "{\"type\": \"noopShim\", \"id\": \"e1\"}");
        api.post("/v1/shims", kata("e2", 60));

        ApiClient.Response replay = api.raw("GET", "/v1/events?since=1m&type=noopShim", null, null, 2);
        ApiContract.check("GET", "/v1/events", replay);

        assertThat(replay.contentType()).startsWith("application/x-ndjson");
        assertThat(replay.body()).contains("\"event\":\"started\",\"id\":\"e1\"").doesNotContain("\"e2\"");
    }

    @Test
    void logsAnswerTheShimsOutputAndItsLastLines() throws Exception {
        Path log = dir.resolve("k5.log");
        api.post("/v1/shims", kata("k5", 0).replace("\"detach\": true", "\"log\": \"" + log + "\""));
        api.post("/v1/shims/k5/wait?timeout=30", null);

        assertThat(api.get("/v1/shims/k5/logs").body()).contains("Some output on stdout", "Some output on stderr");
        assertThat(api.get("/v1/shims/k5/logs?tail=1").body().strip().lines()).hasSize(1);
        assertThat(api.get("/v1/shims/k5/logs?follow=true").body()).contains("Some output on stdout");
    }

    @Test
    void statsOfABusyShimMove() throws Exception {
        Path busy = Files.writeString(dir.resolve("bin").resolve("busy"), "#!/bin/sh\nwhile :; do :; done\n");
        Files.setPosixFilePermissions(busy, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        api.post("/v1/shims", kata("busy", 60).replace(standIn.toString(), busy.toString()));

        JsonNode first = json(api.get("/v1/shims/busy/stats"));
        Thread.sleep(1500);
        JsonNode second = json(api.get("/v1/shims/busy/stats"));

        double cpu = second.get("cpuUserSeconds").asDouble() + second.get("cpuSystemSeconds").asDouble();
        assertThat(cpu).isGreaterThan(first.get("cpuUserSeconds").asDouble() + first.get("cpuSystemSeconds").asDouble());
        assertThat(second.get("residentBytes").asLong()).isPositive();
        assertThat(second.get("threads").asInt()).isEqualTo(1);
        assertThat(json(api.get("/v1/stats")).findValuesAsText("id")).containsExactly("busy");
        api.post("/v1/shims/busy/stop", null);
        assertThat(api.get("/v1/shims/busy/stats").status()).isEqualTo(409);
    }

    @Test
    void aStopLeavesNothingTheShimStartedBehind() throws Exception {
        Path child = dir.resolve("grandchild.pid");
        Path forking = Files.writeString(dir.resolve("bin").resolve("forking"),
                "#!/bin/sh\nsleep 300 &\necho $! > " + child + "\nwait\n");
        Files.setPosixFilePermissions(forking, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        api.post("/v1/shims", kata("forks", 60).replace(standIn.toString(), forking.toString()));
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!(Files.exists(child) && !Files.readString(child).isBlank()) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        Path grandchild = Path.of("/proc", Files.readString(child).strip());
        assertThat(grandchild).exists();

        api.post("/v1/shims/forks/stop", null);

        while (Files.exists(grandchild) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(grandchild).as("the shim's child, after the shim's stop").doesNotExist();
    }

    @Test
    void theAuditAnswersEveryCheck() throws Exception {
        JsonNode audit = json(api.get("/v1/audit"));

        assertThat(audit.get("ok").asBoolean()).as(audit.toString()).isTrue();
        assertThat(audit.get("checks")).isNotEmpty();
    }
}
