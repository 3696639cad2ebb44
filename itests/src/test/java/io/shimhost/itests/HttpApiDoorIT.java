package io.shimhost.itests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTTP API's door: only the daemon opens it, on a Unix-domain socket and no TCP port; peers are
 * checked as on the control socket; twenty clients at once each drive their own shim; a client that
 * goes away mid-stream leaves nothing behind.
 */
class HttpApiDoorIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private NodeDaemon node;

    @AfterEach
    void stop() throws InterruptedException {
        if (node != null) {
            node.close();
        }
    }

    private ApiClient api(Path socket) throws Exception {
        return new ApiClient(socket, Files.createDirectories(dir.resolve("calls")));
    }

    private static String run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(String.join(" ", command) + ": " + out).isZero();
        return out;
    }

    @Test
    void theDaemonListensOnNoTcpPort() throws Exception {
        node = new NodeDaemon(dir).start();
        assertThat(api(node.state().resolve("api.sock")).get("/v1/version").status()).isEqualTo(200);

        String listeners = run("ss", "-ltnpH");

        assertThat(listeners).doesNotContain("pid=" + node.process().pid() + ",");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(node.state().resolve("api.sock"))))
                .isEqualTo("rw-------");
    }

    @Test
    void aScriptRunOpensNoApi() throws Exception {
        Path home = Files.createDirectories(dir.resolve("home"));
        Path script = Files.write(dir.resolve("script.gogo"), List.of("shim:types"));

        Launcher launcher = Launcher.start(dir, List.of("-Dshimhost.home=" + home), script.toString());

        assertThat(launcher.awaitExit()).as(launcher.stderr()).isZero();
        assertThat(home.resolve("state").resolve("api.sock")).doesNotExist();
        assertThat(launcher.stderr()).doesNotContain("Jetty").isEmpty();
    }

    @Test
    void aScriptRunLeavesTheWebConsoleUnstartedEvenWithItsAddressConfigured() throws Exception {
        Path home = Files.createDirectories(dir.resolve("home"));
        Files.writeString(Files.createDirectories(home.resolve("conf")).resolve("io.shimhost.web.cfg"),
                "address = 127.0.0.1:" + Karaf.port() + "\n");
        Path script = Files.write(dir.resolve("script.gogo"), List.of("lb -s"));

        Launcher launcher = Launcher.start(dir, List.of("-Dshimhost.home=" + home), script.toString());

        assertThat(launcher.awaitExit()).as(launcher.stderr()).isZero();
        assertThat(launcher.stdout()).containsPattern("\\|Resolved\\s*\\|\\s*2\\|org\\.apache\\.felix\\.webconsole ")
                .containsPattern("\\|Active\\s*\\|\\s*1\\|io\\.shimhost\\.web ");
        assertThat(launcher.stderr()).isEmpty();
    }

    @Test
    void aSocketPathTooLongEndsTheDaemonInOneLine() throws Exception {
        Path home = Files.createDirectories(dir.resolve("home"));
        String tooLong = dir.resolve("x".repeat(120) + ".sock").toString();

        Launcher daemon = Launcher.start(dir, List.of("-Dshimhost.home=" + home, "-Dshimhost.api.socket=" + tooLong),
                "--daemon");

        assertThat(daemon.awaitExit()).isEqualTo(1);
        assertThat(daemon.stderr()).contains("shimhost: Cannot listen on " + tooLong
                + ": a Unix-domain socket's path holds at most 107 bytes; give a shorter one: -Dshimhost.api.socket=PATH");
        assertThat(home.resolve("state").resolve("shimhost.sock")).doesNotExist();
    }

    @Test
    void aUserOtherThanRootTheDaemonsOrTheGroupIsRefusedWith403() throws Exception {
        Path calls = Files.createTempDirectory("shimhost-calls");
        Files.setPosixFilePermissions(calls, PosixFilePermissions.fromString("rwxrwxrwx"));
        try (OpenFolder open = OpenFolder.create("shimhost-api")) {
            Path socket = open.folder().resolve("api.sock");
            node = new NodeDaemon(dir).start(List.of("-Dshimhost.api.socket=" + socket));
            Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-rw-rw-"));
            ApiClient nobody = new ApiClient(socket, calls, List.of("runuser", "-u", "nobody", "--"));

            ApiClient.Response refused = nobody.raw("GET", "/v1/shims", null, null, 30);

            assertThat(refused.status()).isEqualTo(403);
            ApiContract.check("GET", "/v1/shims", refused);
            assertThat(JSON.readTree(refused.body()).get("detail").asText())
                    .startsWith("refused: user nobody may not drive this shimhost");
            assertThat(Files.readString(dir.resolve("daemon.err")))
                    .contains("Refused a connection to the HTTP API from user nobody (uid 65534");
            node.close();
        } finally {
            run("rm", "-rf", calls.toString());
        }
    }

    @Test
    void twentyClientsAtOnceEachStartInspectStopAndForgetTheirOwnShim() throws Exception {
        node = new NodeDaemon(dir).start();
        ApiClient api = api(node.state().resolve("api.sock"));
        Path standIn = KataStandIn.install(Files.createDirectories(dir.resolve("bin")));
        ExecutorService clients = Executors.newFixedThreadPool(20);
        try {
            List<Future<String>> done = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                String id = "client-" + i;
                done.add(clients.submit(() -> lifeOf(api, id, standIn)));
            }
            for (Future<String> f : done) {
                assertThat(f.get(5, TimeUnit.MINUTES)).isEqualTo("forgotten");
            }
        } finally {
            clients.shutdownNow();
        }
        assertThat(JSON.readTree(api.get("/v1/shims").body())).isEmpty();
    }

    private static String lifeOf(ApiClient api, String id, Path standIn) throws Exception {
        ApiClient.Response started = api.post("/v1/shims", "{\"type\": \"kataShim\", \"id\": \"" + id
                + "\", \"container\": \"" + id + "\", \"url\": \"unix:///run/agent.sock\", \"detach\": true, "
                + "\"config\": {\"path\": \"" + standIn + "\"}, \"env\": {\"KATA_STANDIN_SLEEP\": \"60\"}}");
        assertThat(started.status()).as(started.body()).isEqualTo(201);
        assertThat(JSON.readTree(api.get("/v1/shims/" + id).body()).at("/shim/state").asText()).isEqualTo("running");
        assertThat(JSON.readTree(api.post("/v1/shims/" + id + "/stop?timeout=10", null).body()).get("state").asText())
                .isIn("exited", "killed");
        ApiClient.Response forgotten = api.delete("/v1/shims/" + id);
        return forgotten.status() == 200 ? "forgotten" : forgotten.body();
    }

    @Test
    void aClientThatGoesAwayMidStreamLeavesNoHandlerAndNoDescriptorBehind() throws Exception {
        node = new NodeDaemon(dir).start();
        ApiClient api = api(node.state().resolve("api.sock"));
        Path standIn = KataStandIn.install(Files.createDirectories(dir.resolve("bin")));
        Path log = dir.resolve("ticks.log");
        ApiClient.Response ticks = api.post("/v1/shims", "{\"type\": \"kataShim\", \"id\": \"ticks\", \"container\": \"c1\", "
                + "\"url\": \"unix:///run/agent.sock\", "
                + "\"log\": \"" + log + "\", \"config\": {\"path\": \"" + standIn + "\"}, "
                + "\"env\": {\"KATA_STANDIN_TICKS\": \"900\", \"KATA_STANDIN_SLEEP\": \"60\"}}");
        assertThat(ticks.status()).as(ticks.body()).isEqualTo(201);
        streamAndGoAway(api);
        long descriptors = descriptors();

        streamAndGoAway(api);

        assertThat(descriptors()).isLessThanOrEqualTo(descriptors);
    }

    /** Follows the events and the logs for 2 s each and goes away; the daemon notices. */
    private void streamAndGoAway(ApiClient api) throws Exception {
        ApiClient.Response events = api.raw("GET", "/v1/events", null, null, 2);
        ApiClient.Response logs = api.raw("GET", "/v1/shims/ticks/logs?follow=true", null, null, 2);

        assertThat(events.status()).isEqualTo(200);
        assertThat(logs.body()).contains("tick 1 of the stand-in's output");
        awaitNoStreams();
    }

    private long descriptors() throws Exception {
        try (var fds = Files.list(Path.of("/proc", Long.toString(node.process().pid()), "fd"))) {
            return fds.count();
        }
    }

    /** Within the keep-alive period (10 s) and a margin, no thread serves a stream any more. */
    private void awaitNoStreams() throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        String threads;
        do {
            Thread.sleep(500);
            threads = run(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                    Long.toString(node.process().pid()), "Thread.print");
        } while ((threads.contains("EventFeed.follow") || threads.contains("LogStream.send"))
                && Instant.now().isBefore(deadline));
        assertThat(threads).doesNotContain("EventFeed.follow").doesNotContain("LogStream.send");
    }
}
