package io.shimhost.itests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cgroup per shim, driven through the daemon's HTTP API and shell as an operator would, on this
 * host's real hierarchies: limits enforced, an OOM kill reported everywhere, the cgroup's figures,
 * the plan of a dry run, a refusal in one line, and a cgroup kept across a crash of the daemon.
 */
class ShimCgroupIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Where a shim's own cgroup is tracked on this hybrid host: the cgroup path the API shows is the freezer's. */
    private static final Path FREEZER = Path.of("/sys/fs/cgroup/freezer");
    private static final Path MEMORY = Path.of("/sys/fs/cgroup/memory");

    @TempDir
    Path dir;

    private NodeDaemon node;
    private ApiClient api;
    private Path bin;

    @BeforeEach
    void daemon() throws Exception {
        node = new NodeDaemon(dir).start();
        api = new ApiClient(node.state().resolve("api.sock"), Files.createDirectories(dir.resolve("calls")));
        bin = Files.createDirectories(dir.resolve("bin"));
    }

    @AfterEach
    void stop() throws InterruptedException {
        node.close();
    }

    /** A kataShim start whose binary is a script of the test's. */
    private String start(String id, String script, String extra) throws Exception {
        Path program = Files.writeString(bin.resolve(id), "#!/bin/sh\n" + script + "\n");
        Files.setPosixFilePermissions(program, PosixFilePermissions.fromString("rwxr-xr-x"));
        return KataStandIn.apiStart(id, program, extra);
    }

    private static JsonNode json(ApiClient.Response response) throws Exception {
        return JSON.readTree(response.body());
    }

    @Test
    void aShimPastItsMemoryLimitIsOomKilledInTheTableTheEventsAndTheMetrics() throws Exception {
        ApiClient.Response started = api.post("/v1/shims", start("hog", "exec tail /dev/zero", ", \"memory\": \"16M\""));
        assertThat(started.status()).as(started.body()).isEqualTo(201);

        api.post("/v1/shims/hog/wait?timeout=30", null);

        JsonNode shim = json(api.get("/v1/shims/hog")).get("shim");
        assertThat(shim.get("state").asText()).isEqualTo("oom-killed");
        assertThat(shim.get("signal").asText()).isEqualTo("SIGKILL");
        assertThat(api.raw("GET", "/v1/events?since=1m&id=hog", null, null, 2).body())
                .contains("\"event\":\"exited\"").contains("\"reason\":\"oom-killed\"");
        assertThat(node.ctl("shim:ps")).contains("oom-killed");
    }

    @Test
    void aShimInItsOwnCgroupHasItsFiguresAndItsLimitsInTheKernelsFiles() throws Exception {
        api.post("/v1/shims", start("own", "sleep 300 & exec sleep 300", ", \"memory\": 67108864, \"pids\": 16"));

        JsonNode shim = json(api.get("/v1/shims/own")).get("shim");
        String cgroup = shim.get("cgroup").asText();
        assertThat(cgroup).contains("/shimhost-");
        assertThat(FREEZER.resolve(cgroup.substring(1))).isDirectory();
        JsonNode stats = json(api.get("/v1/shims/own/stats")).get("cgroup");
        assertThat(stats.get("own").asBoolean()).isTrue();
        assertThat(stats.get("processes").asInt()).isEqualTo(2);
        assertThat(stats.get("memoryBytes").asLong()).isPositive();
        assertThat(node.ctl("shim:stats", "own")).contains("CG-PROCS");

        api.post("/v1/shims/own/stop", null);

        awaitMissing(FREEZER.resolve(cgroup.substring(1)));
    }

    @Test
    void aDryRunShowsTheCgroupAndItsLimitsAndCreatesNothing() throws Exception {
        JsonNode plan = json(api.post("/v1/shims?dryRun=true", start("plan", "exit 0",
                ", \"memory\": \"64M\", \"cpuWeight\": 50")));

        JsonNode cgroup = plan.get("launch").get("cgroup");
        assertThat(cgroup.get("placement").asText()).isEqualTo("own");
        assertThat(cgroup.get("limits").get("memoryBytes").asLong()).isEqualTo(64L << 20);
        assertThat(cgroup.get("limits").get("cpuWeight").asInt()).isEqualTo(50);
        assertThat(cgroup.get("directories")).hasSize(3);
        cgroup.get("directories").forEach(d -> assertThat(Path.of(d.asText())).doesNotExist());
        assertThat(node.ctl("shim:start", "--dry-run", "--memory", "64M", "-t", "plan2", "-u", "unix:///a", "-c", "c",
                "--config", "path=/bin/true", "kataShim")).contains("cgroup       its own, limits: memory=67108864");
    }

    @Test
    void joiningACgroupThatDoesNotExistIsRefusedInOneLine() throws Exception {
        ApiClient.Response refused = api.post("/v1/shims", start("nowhere", "exit 0", ", \"cgroup\": \"/no/such/sandbox\""));

        assertThat(refused.status()).isEqualTo(500);
        assertThat(json(refused).get("detail").asText()).startsWith("Cannot join cgroup /no/such/sandbox: it exists in "
                + "no cgroup hierarchy here").doesNotContain("\n");
        assertThat(api.get("/v1/shims/nowhere").status()).isEqualTo(404);
    }

    @Test
    void aBadLimitIsA400NamingTheField() throws Exception {
        ApiClient.Response refused = api.post("/v1/shims", start("bad", "exit 0", ", \"memory\": \"lots\""));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(json(refused).get("field").asText()).isEqualTo("memory");
        assertThat(json(refused).get("detail").asText()).startsWith("Invalid memory \"lots\"");
    }

    @Test
    void aCrashOfTheDaemonKeepsTheCgroupItsLimitAndAStopThatKillsItWhole() throws Exception {
        Path child = dir.resolve("child.pid");
        api.post("/v1/shims", start("kept", "setsid sh -c 'echo $$ > " + child + "; exec sleep 300' &\nexec sleep 300",
                ", \"memory\": \"64M\""));
        String cgroup = json(api.get("/v1/shims/kept")).get("shim").get("cgroup").asText();
        long grandchild = awaitPid(child);

        node.crash();
        node.start();

        JsonNode shim = json(api.get("/v1/shims/kept")).get("shim");
        assertThat(shim.get("supervision").asText()).isEqualTo("adopted");
        assertThat(shim.get("cgroup").asText()).isEqualTo(cgroup);
        Path memory = Files.list(MEMORY.resolve(ownMemoryCgroup())).filter(p -> p.getFileName().toString()
                .equals(Path.of(cgroup).getFileName().toString())).findFirst().orElseThrow();
        assertThat(Files.readString(memory.resolve("memory.limit_in_bytes")).strip()).isEqualTo(Long.toString(64L << 20));

        api.post("/v1/shims/kept/stop", null);

        awaitMissing(Path.of("/proc", Long.toString(grandchild)));
        awaitMissing(FREEZER.resolve(cgroup.substring(1)));
        // other daemons' cgroups on this machine would be named too: only this shim's must not be
        assertThat(api.get("/v1/audit").body()).contains("\"name\":\"cgroups\"")
                .doesNotContain(Path.of(cgroup).getFileName().toString());
    }

    /** The daemon's memory cgroup, relative to the hierarchy's root. */
    private String ownMemoryCgroup() throws Exception {
        long pid = node.process().pid();
        return Files.readAllLines(Path.of("/proc", Long.toString(pid), "cgroup")).stream()
                .filter(l -> l.contains(":memory:")).map(l -> l.substring(l.indexOf(":memory:") + 9)).findFirst().orElseThrow();
    }

    private static long awaitPid(Path file) throws Exception {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (Files.exists(file) && !Files.readString(file).isBlank()) {
                return Long.parseLong(Files.readString(file).strip());
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no pid in " + file);
    }

    private static void awaitMissing(Path path) throws Exception {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (Files.exists(path) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(path).doesNotExist();
    }
}
