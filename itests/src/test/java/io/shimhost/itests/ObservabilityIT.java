package io.shimhost.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What an operator's scripts and monitors read, black-box through a daemon and its control
 * socket: JSON output parsed with a real parser (and jq), the event stream, and shims' output logs.
 */
class ObservabilityIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** How long the daemon and its watchers may take to get somewhere: a bound, not a measure. */
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private NodeDaemon node;
    private Path home;
    private Path state;
    private Path standIn;
    private Process daemon;

    @BeforeEach
    void folders() throws Exception {
        node = new NodeDaemon(dir);
        home = node.home();
        state = node.state();
        standIn = KataStandIn.install(dir);
    }

    @AfterEach
    void stopDaemon() throws Exception {
        node.close();
    }

    /** A daemon on the test's home and state folders, with {@code kata} as the kataShim configuration; waits until it answers. */
    private void daemon(String... kata) throws Exception {
        daemon = node.start(kata).process();
    }

    private Path socket() {
        return node.socket();
    }

    private String ctl(String... args) throws Exception {
        return CtlClient.ctl(dir, socket(), args).output();
    }

    /** Starts the stand-in as kataShim with {@code options}. */
    private String start(String options) throws Exception {
        return ctl(KataStandIn.start(standIn, options).split(" "));
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(PATIENCE);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("Not within " + PATIENCE + ": " + what);
            }
            Thread.sleep(50);
        }
    }

    private static Map<String, JsonNode> byId(String json) throws Exception {
        Map<String, JsonNode> rows = new HashMap<>();
        JSON.readTree(json).forEach(row -> rows.put(row.get("id").asText(), row));
        return rows;
    }

    @Test
    void psInJsonHasEveryFieldForRunningExitedAndKilledShims() throws Exception {
        daemon();
        start("-d -c c1 -t three --env KATA_STANDIN_EXIT=3");
        start("-d -c c2 -t killed --env KATA_STANDIN_SLEEP=300");
        start("-d -c c3 -t running --env KATA_STANDIN_SLEEP=300");
        ctl("shim:wait", "three");
        ctl("shim:stop", "killed");
        ctl("shim:wait", "killed");

        String json = ctl("shim:ps", "--format", "json");
        ctl("shim:stop", "running");

        Map<String, JsonNode> rows = byId(json);
        assertThat(rows).containsOnlyKeys("three", "killed", "running");
        for (JsonNode row : rows.values()) {
            assertThat(row.fieldNames()).toIterable().contains("id", "type", "container", "sandbox", "pid", "state",
                    "exitCode", "signal", "supervision", "started", "namespaces");
            assertThat(row.get("type").asText()).isEqualTo("kataShim");
            assertThat(row.get("pid").asLong()).isPositive();
            assertThat(row.get("supervision").asText()).isEqualTo("started");
            assertThat(Instant.parse(row.get("started").asText())).isBefore(Instant.now());
        }
        JsonNode three = rows.get("three");
        assertThat(three.get("container").asText()).isEqualTo("c1");
        assertThat(three.get("sandbox").asText()).isEqualTo("c1");
        assertThat(three.get("state").asText()).isEqualTo("exited");
        assertThat(three.get("exitCode").asInt()).isEqualTo(3);
        assertThat(three.get("signal").isNull()).isTrue();
        assertThat(three.get("namespaces").isNull()).isTrue();
        JsonNode killed = rows.get("killed");
        assertThat(killed.get("state").asText()).isEqualTo("killed");
        assertThat(killed.get("signal").asText()).isEqualTo("SIGKILL");
        assertThat(killed.get("exitCode").isNull()).isTrue();
        JsonNode running = rows.get("running");
        assertThat(running.get("state").asText()).isEqualTo("running");
        assertThat(running.get("exitCode").isNull()).isTrue();
        assertThat(running.get("signal").isNull()).isTrue();
        assertThat(running.get("namespaces").get("pid").asLong()).isPositive();
        assertThat(running.get("namespaces").get("net").asLong()).isPositive();
    }

    @Test
    void jqReadsPsJson() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/jq")), "jq is in Debian's jq package (.ci/run installs it)");
        daemon();
        start("-d -c c1 -t three --env KATA_STANDIN_EXIT=3");
        ctl("shim:wait", "three");
        Path json = Files.writeString(dir.resolve("ps.json"), ctl("shim:ps", "--format", "json"));

        Process jq = new ProcessBuilder("jq", "-e", ".[] | select(.id == \"three\") | .exitCode == 3 and .signal == null "
                + "and .state == \"exited\" and .namespaces == null", json.toString()).redirectErrorStream(true).start();

        assertThat(jq.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(jq.exitValue()).as(new String(jq.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isZero();
    }

    @Test
    void quietPsPrintsTheIdsOnlyOneALine() throws Exception {
        daemon();
        ctl("shim:start", "-t", "first", "noopShim");
        ctl("shim:start", "-t", "second", "noopShim");

        assertThat(ctl("shim:ps", "-q")).isEqualTo("first\nsecond\n");
    }

    @Test
    void startWaitNsAndTypesPrintJson() throws Exception {
        daemon();
        JsonNode started = JSON.readTree(start("--format json -d -c c1 -t j1 --env KATA_STANDIN_SLEEP=300"));
        assertThat(started.get("id").asText()).isEqualTo("j1");
        assertThat(started.get("state").asText()).isEqualTo("running");

        JsonNode ns = JSON.readTree(ctl("shim:ns", "--format", "json", "j1"));
        assertThat(ns.get("pid").asLong()).isEqualTo(started.get("pid").asLong());
        assertThat(ns.get("namespaces")).anySatisfy(n -> {
            assertThat(n.get("type").asText()).isEqualTo("net");
            assertThat(n.get("host").asText()).isEqualTo("same");
        });

        JsonNode types = JSON.readTree(ctl("shim:types", "--format", "json"));
        assertThat(types).anySatisfy(t -> {
            assertThat(t.get("type").asText()).isEqualTo("kataShim");
            assertThat(t.get("bundle").asText()).isEqualTo("io.shimhost.shim.kata");
            assertThat(t.get("serving").asBoolean()).isTrue();
        });

        ctl("shim:stop", "j1");
        JsonNode waited = JSON.readTree(ctl("shim:wait", "--format", "json", "j1"));
        assertThat(waited.get("state").asText()).isEqualTo("killed");
        assertThat(waited.get("signal").asText()).isEqualTo("SIGKILL");
    }

    /** The lines a running client has printed so far, parsed. */
    private static List<JsonNode> events(CtlClient.Ctl client) throws Exception {
        List<JsonNode> events = new ArrayList<>();
        for (String line : client.stdout().split("\n")) {
            if (!line.isBlank()) {
                events.add(JSON.readTree(line));
            }
        }
        return events;
    }

    private static boolean has(CtlClient.Ctl client, String event, String idOrType) {
        try {
            return events(client).stream().anyMatch(e -> e.get("event").asText().equals(event)
                    && (idOrType.equals(e.get("id").asText()) || idOrType.equals(e.get("type").asText())));
        } catch (Exception e) {
            return false;
        }
    }

    @Test
    void eventsSinceATimeReplayWhatHappenedThenFollowWhatHappensEachEventOnce() throws Exception {
        daemon();
        ctl("shim:start", "-t", "before-1", "noopShim");
        ctl("shim:start", "-t", "before-2", "noopShim");
        CtlClient.Ctl events = CtlClient.ctl(dir, socket(), "shim:events", "--since", "1h", "--format", "json");
        await("the replay shows the starts before", () -> has(events, "started", "before-2"));

        ctl("shim:start", "-t", "after", "noopShim");
        await("then the start after", () -> has(events, "started", "after"));
        assertThat(events(events)).filteredOn(e -> e.get("event").asText().equals("started"))
                .extracting(e -> e.get("id").asText()).containsExactly("before-1", "before-2", "after");
        assertThat(events(events)).extracting(e -> e.get("sequence").asLong()).isSorted().doesNotHaveDuplicates()
                .allSatisfy(sequence -> assertThat(sequence).isPositive());
        assertThat(events(events)).filteredOn(e -> e.get("event").asText().equals("type-deployed"))
                .extracting(e -> e.get("type").asText()).contains("noopShim", "kataShim");
        events.process().destroy();
    }

    @Test
    void eventsSinceAValueThatIsNoTimeIsRefusedNamingIt() throws Exception {
        daemon();
        CtlClient.Ctl events = CtlClient.ctl(dir, socket(), "shim:events", "--since", "yesterday");
        assertThat(events.status()).isEqualTo(1);
        assertThat(Files.readString(events.err())).contains("Invalid --since \"yesterday\"");
    }

    @Test
    void eventsOverTheControlSocketShowAStartThenItsExitCodeAndADeployedType() throws Exception {
        daemon();
        CtlClient.Ctl events = CtlClient.ctl(dir, socket(), "shim:events", "--format", "json");
        // the stream shows what happens once it is subscribed: a shim without a process marks that moment
        for (int n = 0; !has(events, "started", "marker-" + (n - 1)); n++) {
            ctl("shim:start", "-t", "marker-" + n, "noopShim");
            Thread.sleep(100);
            assertThat(n).as("the event stream shows nothing").isLessThan(300);
        }

        start("-d -c c1 -t three --env KATA_STANDIN_EXIT=3");
        await("the exit of three is shown", () -> has(events, "exited", "three"));
        Files.copy(ShimhostFramework.jar("org.example.shim.command").toPath(), home.resolve("deploy").resolve("command.jar"));
        await("commandShim's deployment is shown", () -> has(events, "type-deployed", "commandShim"));

        List<JsonNode> three = events(events).stream().filter(e -> "three".equals(e.get("id").asText())).toList();
        assertThat(three).extracting(e -> e.get("event").asText()).containsExactly("started", "exited");
        JsonNode exited = three.get(1);
        assertThat(exited.get("exitCode").asInt()).isEqualTo(3);
        assertThat(exited.get("signal").isNull()).isTrue();
        assertThat(exited.get("type").asText()).isEqualTo("kataShim");
        assertThat(exited.get("container").asText()).isEqualTo("c1");
        assertThat(exited.get("pid").asLong()).isEqualTo(three.get(0).get("pid").asLong()).isPositive();
        assertThat(Instant.parse(exited.get("time").asText())).isAfterOrEqualTo(Instant.parse(three.get(0).get("time").asText()));

        events.process().destroy();
        await("the daemon ends the stream of a client gone", () -> threadsNamed("pipe-shim:event").isEmpty());
    }

    /** The daemon's threads whose names start with {@code prefix} (Linux keeps 15 characters of a name). */
    private List<String> threadsNamed(String prefix) {
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(daemon.pid()), "task"))) {
            return tasks.map(t -> {
                try {
                    return Files.readString(t.resolve("comm")).strip();
                } catch (Exception e) {
                    return "";
                }
            }).filter(name -> name.startsWith(prefix.substring(0, Math.min(15, prefix.length())))).toList();
        } catch (Exception e) {
            return List.of("?");
        }
    }

    private Path logs() throws Exception {
        Path logs = Files.createDirectories(dir.resolve("logs"));
        Files.setPosixFilePermissions(logs, PosixFilePermissions.fromString("rwx------"));
        return logs;
    }

    @Test
    void aDetachedShimsOutputLandsInItsLogAndShimLogsShowsIt() throws Exception {
        daemon();
        Path log = logs().resolve("s1.log");
        start("-c c1 -t s1 --log " + log);
        ctl("shim:wait", "s1");

        assertThat(Files.readString(log)).isEqualTo("Some output on stdout\nSome output on stderr\n");
        assertThat(ctl("shim:logs", "s1")).isEqualTo("Some output on stdout\nSome output on stderr\n");
        assertThat(ctl("shim:logs", "-n", "1", "s1")).isEqualTo("Some output on stderr\n");
    }

    @Test
    void aTypesOutputFolderGetsALogNamedByTheShimsId() throws Exception {
        Path folder = dir.resolve("kata-logs");
        daemon("output.folder = " + folder);
        start("-d -c c1 -t s2");
        ctl("shim:wait", "s2");

        assertThat(Files.readString(folder.resolve("s2.log"))).isEqualTo("Some output on stdout\nSome output on stderr\n");
        assertThat(Files.getPosixFilePermissions(folder)).isEqualTo(PosixFilePermissions.fromString("rwxr-x---"));
    }

    @Test
    void followingALogEndsWhenItsShimHasExitedAndAllIsShown() throws Exception {
        daemon();
        Path log = logs().resolve("f1.log");
        start("-c c1 -t f1 --log " + log + " --env KATA_STANDIN_SLEEP=1");

        CtlClient.Ctl follow = CtlClient.ctl(dir, socket(), "shim:logs", "-f", "f1");

        assertThat(follow.status()).as(follow.stderr()).isZero();
        assertThat(follow.stdout()).isEqualTo("Some output on stdout\nSome output on stderr\n");
    }

    @Test
    void followersKilledMidStreamLeaveNoThreadDescriptorOrDeadlockBehind() throws Exception {
        daemon();
        Path log = logs().resolve("ticker.log");
        start("-c c1 -t ticker --log " + log + " --env KATA_STANDIN_TICKS=3000");
        await("the ticker has printed", () -> read(log).contains("tick 3 "));
        java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < 9; i++) {
            follow(i, random); // what followers start for good (pools that grow to their size: logback's, say)
        }
        Thread.sleep(7000); // the control workers of the commands above time out
        long threads = status("Threads");
        long descriptors = descriptors();

        for (int i = 0; i < 30; i++) {
            follow(i, random);
        }

        Instant deadline = Instant.now().plusSeconds(30);
        while ((status("Threads") > threads || descriptors() > descriptors) && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
        }
        assertThat(status("Threads")).as(threadsNamed("")::toString).isLessThanOrEqualTo(threads);
        assertThat(descriptors()).as(() -> fdTargets().toString()).isLessThanOrEqualTo(descriptors);
        Process jstack = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jstack").toString(),
                Long.toString(daemon.pid())).redirectErrorStream(true).start();
        assertThat(new String(jstack.getInputStream().readAllBytes())).doesNotContain("deadlock");
        assertThat(ctl("shim:running", "ticker").strip()).isEqualTo("true");
    }

    /** A follower of the ticker's log, or of the events, killed after a random while. */
    private void follow(int i, java.util.Random random) throws Exception {
        CtlClient.Ctl follower = i % 3 == 2 ? CtlClient.ctl(dir, socket(), "shim:events")
                : CtlClient.ctl(dir, socket(), "shim:logs", "-f", "ticker");
        Thread.sleep(300 + random.nextInt(700));
        follower.process().destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }

    private long status(String field) throws Exception {
        return Files.readAllLines(Path.of("/proc", Long.toString(daemon.pid()), "status")).stream()
                .filter(l -> l.startsWith(field + ":")).map(l -> l.replaceAll("[^0-9]", "")).mapToLong(Long::parseLong)
                .findFirst().orElseThrow();
    }

    private List<String> fdTargets() {
        try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(daemon.pid()), "fd"))) {
            return fds.map(f -> {
                try {
                    return Files.readSymbolicLink(f).toString();
                } catch (Exception e) {
                    return "?";
                }
            }).sorted().toList();
        } catch (Exception e) {
            return List.of("?");
        }
    }

    private long descriptors() throws Exception {
        try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(daemon.pid()), "fd"))) {
            return fds.count();
        }
    }

    @Test
    void aShimWriting100MegabytesLeavesNoMoreThanTheLimitAndOneRotation() throws Exception {
        long limit = 1024 * 1024;
        daemon("output.limit = " + limit);
        Path log = logs().resolve("big.log");
        start("-c c1 -t big --log " + log + " --env KATA_STANDIN_WRITE=100000000");
        ctl("shim:wait", "-t", "300", "big");

        await("the log is rotated under its limit", () -> {
            try {
                return Files.size(log) <= limit;
            } catch (Exception e) {
                return false;
            }
        });
        assertThat(Files.size(log.resolveSibling("big.log.1"))).isLessThanOrEqualTo(limit);
        try (Stream<Path> files = Files.list(log.getParent())) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("big.log", "big.log.1");
        }
        assertThat(Files.readString(log.resolveSibling("big.log.1"))).contains("Some more output on stdout");
    }

    @Test
    void anAdoptedShimsOutputStillReachesItsLogWhichIsStillKeptUnderItsLimit() throws Exception {
        daemon("output.limit = 1024");
        Path log = logs().resolve("ticker.log");
        start("-c c1 -t ticker --log " + log + " --env KATA_STANDIN_TICKS=150");
        await("the ticker has printed", () -> read(log).contains("tick 5 "));

        daemon.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        daemon();
        assertThat(JSON.readTree(ctl("shim:ps", "--format", "json")).get(0).get("supervision").asText()).isEqualTo("adopted");
        ctl("shim:wait", "-t", "120", "ticker");

        await("the log is rotated under its limit", () -> read(log).length() <= 1024);
        assertThat(read(log.resolveSibling("ticker.log.1")) + read(log)).contains("tick 149 of the stand-in's output");
        assertThat(ctl("shim:logs", "-n", "1", "ticker")).isEqualTo("tick 149 of the stand-in's output\n");
    }

    @Test
    void theAuditPassesOnASoundNodeWithShimsInEveryState() throws Exception {
        daemon();
        ctl("shim:start", "-t", "none", "noopShim");
        start("-d -c c1 -t three --env KATA_STANDIN_EXIT=3");
        start("-d -c c2 -t running --env KATA_STANDIN_SLEEP=300");
        start("-d -c c3 -t killed --env KATA_STANDIN_SLEEP=300");
        ctl("shim:wait", "three");
        ctl("shim:stop", "killed");
        ctl("shim:wait", "killed");

        CtlClient.Ctl audit = CtlClient.ctl(dir, socket(), "shim:audit");

        assertThat(audit.status()).as(audit.stdout() + audit.stderr()).isZero();
        assertThat(audit.stdout().lines().toList()).containsExactlyInAnyOrder("ok    table", "ok    supervision", "ok    core",
                "ok    lost", "ok    threads", "ok    children", "ok    pidfds", "ok    cgroups", "ok    supervisor");
        ctl("shim:stop", "running");
    }

    @Test
    void theAuditNamesARecordTakenOutOfTheTableByHand() throws Exception {
        daemon();
        start("-d -c c1 -t running --env KATA_STANDIN_SLEEP=300");
        ctl("shim:audit");
        Path table = state.resolve("shims.table");
        for (Path file : List.of(table, state.resolve("shims.journal"))) {
            Files.write(file, Files.readAllLines(file).stream().filter(l -> !l.contains("token=running")).toList());
        }

        CtlClient.Ctl audit = CtlClient.ctl(dir, socket(), "shim:audit");

        assertThat(audit.status()).isEqualTo(1);
        assertThat(audit.stdout()).contains("FAIL  table: shim running is in the registry but not in " + table + "\n",
                "ok    supervision\n");
        assertThat(audit.stderr()).isEqualTo("audit: 1 check found problems: table\n");
        ctl("shim:stop", "running");
    }

    /** A free port on loopback, for metrics served there. */
    private static int freePort() throws Exception {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** The TCP ports a process listens on: its socket descriptors matched with the kernel's LISTEN sockets. */
    private static List<Integer> listeningPorts(long pid) throws Exception {
        List<String> inodes = new ArrayList<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            fds.forEach(fd -> {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring(8, target.length() - 1));
                    }
                } catch (Exception e) {
                    // closed meanwhile
                }
            });
        }
        List<Integer> ports = new ArrayList<>();
        for (String table : List.of("tcp", "tcp6")) {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "net", table))) {
                String[] f = line.trim().split("\\s+");
                if (f.length > 9 && f[3].equals("0A") && inodes.contains(f[9])) {
                    ports.add(Integer.parseInt(f[1].substring(f[1].indexOf(':') + 1), 16));
                }
            }
        }
        return ports;
    }

    private Path metricsOn(int port) throws Exception {
        return Files.write(home.resolve("conf").resolve("io.shimhost.metrics.cfg"), List.of("address = 127.0.0.1:" + port));
    }

    /** The metrics' text, or null while nothing answers at the port. */
    private static String scrape(int port) {
        try {
            java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + "/metrics"))
                            .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? response.body() : null;
        } catch (Exception e) {
            return null;
        }
    }

    /** The value of one sample line, such as {@code shimhost_starts_total{result="started",type="kataShim"}}; 0 if absent. */
    private static double sample(String metrics, String series) {
        return metrics.lines().filter(l -> l.startsWith(series + " ")).mapToDouble(l -> Double.parseDouble(
                l.substring(series.length() + 1))).findFirst().orElse(0);
    }

    @Test
    void metricsAreServedOnlyOnceTheirConfigurationNamesAnAddress() throws Exception {
        int port = freePort();
        Path cfg = Files.write(home.resolve("conf").resolve("io.shimhost.metrics.cfg"),
                Files.readAllLines(Launcher.conf().resolve("io.shimhost.metrics.cfg")));
        daemon();
        ctl("shim:start", "-t", "none", "noopShim");
        assertThat(listeningPorts(daemon.pid())).as("the shipped configuration serves nothing").isEmpty();

        Files.write(cfg, List.of("address = 127.0.0.1:" + port));

        await("metrics are served", () -> scrape(port) != null);
        assertThat(listeningPorts(daemon.pid())).containsExactly(port);
        assertThat(scrape(port)).contains("shimhost_shims{state=\"no-process\",supervision=\"started\",type=\"noopShim\"} 1.0\n");
    }

    @Test
    void metricsOnABusyPortComeBackOnceThePortIsFree() throws Exception {
        int port = freePort();
        try (java.net.ServerSocket squatter = new java.net.ServerSocket(port, 1,
                java.net.InetAddress.getLoopbackAddress())) {
            metricsOn(port);
            daemon();
            await("the busy port is reported", () -> read(dir.resolve("daemon.err")).contains("Cannot serve metrics at 127.0.0.1:"
                    + port));
            assertThat(read(dir.resolve("daemon.err"))).contains("trying again every 5 s");
        }
        await("metrics are served once the port is free", () -> scrape(port) != null);
        assertThat(listeningPorts(daemon.pid())).containsExactly(port);
    }

    @Test
    void metricsOnEveryInterfaceAreAWarning() throws Exception {
        int port = freePort();
        Files.write(home.resolve("conf").resolve("io.shimhost.metrics.cfg"), List.of("address = 0.0.0.0:" + port));
        daemon();
        await("metrics are served", () -> scrape(port) != null);

        assertThat(read(dir.resolve("daemon.err"))).contains("WARN").contains("on every interface");
    }

    @Test
    void theMetricsCountAShimStartedAndKilledAndPassPromtool() throws Exception {
        int port = freePort();
        metricsOn(port);
        daemon();
        await("metrics are served", () -> scrape(port) != null);
        start("-d -c c1 -t m1 --env KATA_STANDIN_SLEEP=300");

        String running = scrape(port);
        ctl("shim:stop", "m1");
        ctl("shim:wait", "m1");
        String killed = scrape(port);

        assertThat(sample(running, "shimhost_starts_total{result=\"started\",type=\"kataShim\"}")).isEqualTo(1);
        assertThat(sample(running, "shimhost_start_duration_seconds_count{type=\"kataShim\"}")).isEqualTo(1);
        assertThat(sample(running, "shimhost_shims{state=\"running\",supervision=\"started\",type=\"kataShim\"}")).isEqualTo(1);
        assertThat(sample(killed, "shimhost_shims{state=\"killed\",supervision=\"started\",type=\"kataShim\"}")).isEqualTo(1);
        assertThat(sample(killed, "shimhost_exits_total{how=\"killed\",type=\"kataShim\"}")).isEqualTo(1);
        assertThat(sample(killed, "shimhost_supervisor_wakeup_duration_seconds_count")).isGreaterThanOrEqualTo(1);
        assertThat(sample(killed, "shimhost_table_write_duration_seconds_count")).isGreaterThanOrEqualTo(2);
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/promtool")), "promtool is in Debian's prometheus package (.ci/run installs it)");
        Process promtool = new ProcessBuilder("/usr/bin/promtool", "check", "metrics").redirectErrorStream(true)
                .redirectInput(Files.writeString(dir.resolve("metrics.txt"), killed).toFile()).start();
        String said = new String(promtool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(promtool.waitFor()).as(said).isZero();
    }

    @Test
    void perShimSeriesAreServedOnlyWhenAskedFor() throws Exception {
        int port = freePort();
        Path cfg = metricsOn(port);
        daemon();
        start("-d -c c1 -t each --env KATA_STANDIN_SLEEP=300");
        await("metrics are served", () -> scrape(port) != null);
        assertThat(scrape(port)).doesNotContain("shimhost_shim_resident_bytes");

        Files.write(cfg, List.of("address = 127.0.0.1:" + port, "per.shim = true"));

        await("per-shim series are served", () -> String.valueOf(scrape(port)).contains("shimhost_shim_resident_bytes"));
        String metrics = scrape(port);
        assertThat(sample(metrics, "shimhost_shim_resident_bytes{container=\"c1\",id=\"each\",type=\"kataShim\"}"))
                .isPositive();
        assertThat(sample(metrics, "shimhost_shim_threads{container=\"c1\",id=\"each\",type=\"kataShim\"}"))
                .isEqualTo(1);
        assertThat(metrics).contains("shimhost_shim_cpu_seconds_total{container=\"c1\",id=\"each\",mode=\"user\",type=\"kataShim\"}");
        ctl("shim:stop", "each");
    }

    @Test
    void adoptionsAtARestartAreCountedThoughTheyComeBeforeTheMetrics() throws Exception {
        int port = freePort();
        metricsOn(port);
        daemon();
        start("-d -c c1 -t kept --env KATA_STANDIN_SLEEP=300");
        daemon.destroyForcibly().waitFor(30, TimeUnit.SECONDS);

        daemon();
        await("metrics are served", () -> scrape(port) != null);

        assertThat(sample(scrape(port), "shimhost_adoptions_total{outcome=\"adopted\"}")).isEqualTo(1);
        assertThat(sample(scrape(port), "shimhost_shims{state=\"running\",supervision=\"adopted\",type=\"kataShim\"}"))
                .isEqualTo(1);
        ctl("shim:stop", "kept");
    }

    @Test
    void aPrometheusOnLoopbackScrapingEverySecondSeesTheShimsChange() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/prometheus")), "Debian's prometheus package (.ci/run installs it)");
        int port = freePort();
        metricsOn(port);
        daemon();
        int web = freePort();
        Path config = Files.write(dir.resolve("prometheus.yml"), List.of("global:", "  scrape_interval: 1s",
                "scrape_configs:", "  - job_name: shimhost", "    static_configs:",
                "      - targets: ['127.0.0.1:" + port + "']"));
        Process prometheus = new ProcessBuilder("/usr/bin/prometheus", "--config.file=" + config,
                "--storage.tsdb.path=" + dir.resolve("tsdb"), "--web.listen-address=127.0.0.1:" + web)
                .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
        try {
            String running = "sum(shimhost_shims{state=\"running\"}) or vector(0)";
            await("Prometheus has scraped shimhost", () -> "0".equals(query(web, running)));
            start("-d -c c1 -t watched --env KATA_STANDIN_SLEEP=300");
            await("Prometheus sees the shim run", () -> "1".equals(query(web, running)));
            ctl("shim:stop", "watched");
            await("Prometheus sees it end", () -> "0".equals(query(web, running)));
        } finally {
            prometheus.destroy();
            prometheus.waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** The value of a PromQL query's single sample, or null while there is none. */
    private static String query(int web, String promql) {
        try {
            java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + web + "/api/v1/query?query="
                            + java.net.URLEncoder.encode(promql, StandardCharsets.UTF_8))).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            JsonNode result = JSON.readTree(response.body()).path("data").path("result");
            return result.size() == 1 ? result.get(0).get("value").get(1).asText() : null;
        } catch (Exception e) {
            return null;
        }
    }

    @Test
    void theHealthChecksAreReadThroughCtl() throws Exception {
        daemon();
        start("-d -c c1 -t running --env KATA_STANDIN_SLEEP=300");

        String health = ctl("hc:exec", "shimhost");

        assertThat(health).contains("Overall Health Result: OK");
        assertThat(health.lines().filter(l -> l.startsWith("shimhost ")).map(l -> l.split(" {2,}")[0] + " " + l.split(" {2,}")[1]))
                .containsExactlyInAnyOrder("shimhost core OK", "shimhost registry OK");
        ctl("shim:stop", "running");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (Exception e) {
            return "";
        }
    }
}
