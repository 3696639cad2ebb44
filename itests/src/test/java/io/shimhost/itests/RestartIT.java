package io.shimhost.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Shims outlive the framework, black-box: the launcher is killed or stopped, started again on the
 * same state folder, and finds its shims in the durable table, supervised again by pid and start
 * time; a recycled pid is never signalled; a damaged table costs only its damaged lines.
 */
class RestartIT {

    private static final Pattern STARTED = Pattern.compile("id=(\\S+) pid=(\\d+)");

    @TempDir
    Path dir;

    private Path state;
    private Path standIn;
    private int runs;

    @BeforeEach
    void standIn() throws IOException {
        assumeTrue("root".equals(System.getProperty("user.name")), "namespaces and pid reuse need root; CI runs as root");
        state = dir.resolve("state");
        standIn = KataStandIn.install(dir);
        Files.writeString(dir.resolve("sleep"), "300");
    }

    /** Starts a launcher on the test's state folder, in a working folder of its own. */
    private Launcher run(String... lines) throws Exception {
        Path work = Files.createDirectories(dir.resolve("run-" + ++runs));
        Path script = Files.write(work.resolve("script.gogo"), List.of(lines));
        Launcher launcher = Launcher.start(work, List.of("-Dshimhost.state=" + state), script.toString());
        assertThat(launcher.awaitExit()).as(launcher.stderr()).isZero();
        return launcher;
    }

    private Map<String, Long> started(String stdout) {
        Map<String, Long> pids = new LinkedHashMap<>();
        Matcher m = STARTED.matcher(stdout);
        while (m.find()) {
            pids.put(m.group(1), Long.parseLong(m.group(2)));
        }
        return pids;
    }

    private static String row(String stdout, String id) {
        return stdout.lines().filter(l -> l.startsWith(id + " ")).reduce((a, b) -> b).orElse("<no row for " + id + ">");
    }

    /**
     * Runs a scenario in bash as the init of a fresh pid namespace: it reaps the shims that the
     * killed or stopped launchers leave behind (this machine's pid 1 does not), and whatever is
     * left when it ends dies with the namespace. {@code $shimhost} runs the launcher on the test's
     * state folder. Returns what the scenario printed.
     */
    private String scenario(String... lines) throws Exception {
        String launcher = String.join(" ", Launcher.javaCommand()) + " -Dshimhost.state=" + state
                + " -jar " + Launcher.jar().toAbsolutePath();
        List<String> script = new ArrayList<>(List.of("set -e", "cd " + dir, "shimhost=\"" + launcher + "\"",
                "state() { if [ -e /proc/$1 ]; then sed 's/.*) //' /proc/$1/stat | cut -d' ' -f1; else echo gone; fi; }",
                "await() { for i in $(seq 1 1200); do grep -q \"$1\" \"$2\" 2>/dev/null && return 0; sleep 0.025; done; "
                        + "echo \"no $1 in $2 after 30 s\"; cat \"$2\" ${2%.out}.err; return 1; }"));
        script.addAll(List.of(lines));
        Path file = Files.write(dir.resolve("scenario.sh"), script);
        Process bash = new ProcessBuilder("unshare", "--pid", "--fork", "--mount-proc", "bash", file.toString())
                .redirectErrorStream(true).start();
        String report = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(bash.waitFor()).as(report).isZero();
        return report;
    }

    private String gogo(String name, String... lines) throws IOException {
        Files.write(dir.resolve(name), List.of(lines));
        return name;
    }

    private String read(String name) throws IOException {
        return Files.readString(dir.resolve(name));
    }

    @Test
    void shimsOutliveAKilledFrameworkAndAreSupervisedAgainAfterTheRestart() throws Exception {
        String first = gogo("first.gogo", KataStandIn.start(standIn, "-c c1 -t attached"),
                KataStandIn.start(standIn, "-d -c c2 -t detached"),
                KataStandIn.start(standIn, "-d -c c3 -t isolated --new-ns net,uts,ipc,pid"),
                "shim:ps", "shim:wait -t 600 attached");
        String second = gogo("second.gogo", "shim:ps", "shim:ps --format json", "shim:running isolated",
                "shim:signal detached TERM",
                "shim:wait detached", "shim:stop isolated", "shim:wait isolated", "shim:stop attached",
                "shim:wait attached", "shim:ps");

        String report = scenario(
                "$shimhost " + first + " > first.out 2> first.err & framework=$!",
                "await SUPERVISION first.out",
                "kill -9 $framework; wait $framework || true",
                "for pid in $(sed -n 's/.*pid=//p' first.out); do echo alive-after-kill=$pid:$(state $pid); done",
                "$shimhost " + second + " > second.out 2> second.err || echo second-failed",
                "for pid in $(sed -n 's/.*pid=//p' first.out); do echo after-stop=$pid:$(state $pid); done");

        Map<String, Long> pids = started(read("first.out"));
        assertThat(pids).containsOnlyKeys("attached", "detached", "isolated");
        String out = read("second.out");
        assertThat(report).doesNotContain("second-failed");
        String before = out.substring(0, out.indexOf("true"));
        for (String id : pids.keySet()) {
            long pid = pids.get(id);
            assertThat(report).contains("alive-after-kill=" + pid + ":S");
            assertThat(row(before, id)).matches(id + "\\s+kataShim\\s+c\\d\\s+" + pid + "\\s+running\\s+adopted.*");
            assertThat(row(out, id)).contains("exited, status unknown", "adopted");
            assertThat(report).as("%s is gone after its stop", id).containsPattern("after-stop=" + pid + ":(Z|gone)");
        }
        assertThat(out).contains("sent SIGTERM to pid " + pids.get("detached"), "stopped pid " + pids.get("isolated"));
        Map<String, JsonNode> json = jsonRows(out);
        for (String id : pids.keySet()) {
            assertThat(json.get(id).get("supervision").asText()).isEqualTo("adopted");
            assertThat(json.get(id).get("state").asText()).isEqualTo("running");
            assertThat(json.get(id).get("pid").asLong()).isEqualTo(pids.get(id));
        }
        assertThat(json.get("isolated").get("namespaces").get("pid").asLong())
                .isNotEqualTo(json.get("detached").get("namespaces").get("pid").asLong());
    }

    /** The rows of the first JSON array printed (shim:ps --format json), by id. */
    private static Map<String, JsonNode> jsonRows(String out) throws IOException {
        String line = out.lines().filter(l -> l.startsWith("[")).findFirst().orElseThrow();
        Map<String, JsonNode> rows = new LinkedHashMap<>();
        new ObjectMapper().readTree(line).forEach(row -> rows.put(row.get("id").asText(), row));
        return rows;
    }

    @Test
    void aShimThatExitsWhileTheFrameworkIsDownIsShownAsExited() throws Exception {
        String first = gogo("first.gogo", KataStandIn.start(standIn, "-d -c c1 -t brief"));
        String second = gogo("second.gogo", "shim:ps", "shim:wait -t 0 brief");

        scenario("KATA_STANDIN_SLEEP=1 $shimhost " + first + " > first.out 2> first.err",
                "pid=$(sed -n 's/.*pid=//p' first.out)",
                "while [ -e /proc/$pid ]; do sleep 0.05; done",
                "$shimhost " + second + " > second.out 2> second.err");

        long pid = started(read("first.out")).get("brief");
        String out = read("second.out");
        assertThat(row(out, "brief")).contains(Long.toString(pid), "exited, status unknown", "ended");
        assertThat(out.strip()).endsWith("exited, status unknown");
    }

    /**
     * The shim is recorded, the framework stops, the shim is killed, and ns_last_pid makes an
     * unrelated sleep get the shim's pid before the framework starts again.
     */
    @Test
    void aRecycledPidIsMarkedLostAndNeverSignalled() throws Exception {
        String first = gogo("first.gogo", KataStandIn.start(standIn, "-d -c c1 -t recycled"));
        String second = gogo("second.gogo", "shim:ps", "shim:ps --format json", "shim:stop recycled",
                "shim:signal recycled KILL",
                "shim:stop PID", "shim:ps");

        String report = scenario("$shimhost " + first + " > first.out 2> first.err",
                "pid=$(sed -n 's/.*pid=//p' first.out)",
                "kill -9 $pid",
                "while [ -e /proc/$pid ]; do sleep 0.01; done",
                "echo $((pid - 1)) > /proc/sys/kernel/ns_last_pid",
                "sleep 300 &",
                "echo other=$!",
                "sed -i \"s/PID/$pid/\" " + second,
                "$shimhost " + second + " > second.out 2> second.err || echo second-failed",
                "echo other-after=$(state $!)");

        long shim = started(read("first.out")).get("recycled");
        assertThat(report).as("the unrelated sleep got the shim's pid").contains("other=" + shim);
        assertThat(report).as("the unrelated sleep is alive, not stopped").contains("other-after=S")
                .doesNotContain("second-failed");
        String out = read("second.out");
        assertThat(row(out, "recycled")).matches("recycled\\s+kataShim\\s+c1\\s+" + shim + "\\s+lost\\s+lost.*");
        assertThat(out).contains("not sent SIGKILL: shim recycled is lost; pid " + shim
                + " belongs to another process now and is never signalled");
        assertThat(read("second.err")).contains("Recorded shim not adopted", "its pid belongs to a process started at tick");
        JsonNode lost = jsonRows(out).get("recycled");
        assertThat(lost.get("state").asText()).isEqualTo("lost");
        assertThat(lost.get("supervision").asText()).isEqualTo("lost");
        assertThat(lost.get("pid").asLong()).isEqualTo(shim);
        assertThat(lost.get("exitCode").isNull()).isTrue();
        assertThat(lost.get("signal").isNull()).isTrue();
        assertThat(lost.get("namespaces").isNull()).as("a lost shim's pid is another process's").isTrue();
    }

    /** The daemon ends with 143 on SIGTERM, its shim lives on, and the next daemon adopts it (driven by ctl). */
    @Test
    void aDaemonStoppedBySigtermLeavesItsShimsToTheNextDaemon() throws Exception {
        String awaitSocket = "for i in $(seq 1 600); do [ -S " + state.resolve("shimhost.sock") + " ] && break; sleep 0.05; done";
        String report = scenario(
                "$shimhost --daemon < /dev/null > d1.out 2> d1.err & daemon=$!",
                awaitSocket,
                "$shimhost ctl " + KataStandIn.start(standIn, "-d -c c1 -t kept") + " > start.out",
                "kill -TERM $daemon; wait $daemon && echo first-status=0 || echo first-status=$?",
                "pid=$(sed -n 's/.*pid=//p' start.out)",
                "echo after-sigterm=$(state $pid)",
                "$shimhost --daemon < /dev/null > d2.out 2> d2.err & daemon=$!",
                awaitSocket,
                "$shimhost ctl shim:ps > ps.out",
                "$shimhost ctl shim:stop kept >> ps.out",
                "$shimhost ctl shim:wait kept >> ps.out",
                "kill -TERM $daemon; wait $daemon || true");

        long pid = started(read("start.out")).get("kept");
        assertThat(report).contains("first-status=143", "after-sigterm=S");
        String ps = read("ps.out");
        assertThat(row(ps, "kept")).matches("kept\\s+kataShim\\s+c1\\s+" + pid + "\\s+running\\s+adopted.*");
        assertThat(ps).contains("stopped pid " + pid, "exited, status unknown");
    }

    @Test
    void aSecondFrameworkOnAStateFolderInUseIsRefusedAtOnce() throws Exception {
        assertASecondFrameworkIsRefused();
    }

    @Test
    void aLockFileRemovedUnderARunningFrameworkLetsNoSecondOneIn() throws Exception {
        assertASecondFrameworkIsRefused("rm " + state.resolve("shims.lock"));
    }

    /** A framework holds the folder; after {@code meanwhile} (shell lines), a second one is refused. */
    private void assertASecondFrameworkIsRefused(String... meanwhile) throws Exception {
        String first = gogo("first.gogo", KataStandIn.start(standIn, "-d -c c1 -t held"), "shim:wait -t 600 held");
        String second = gogo("second.gogo", "shim:ps");
        List<String> steps = new ArrayList<>(List.of("$shimhost " + first + " > first.out 2> first.err & framework=$!",
                "await id=held first.out"));
        steps.addAll(List.of(meanwhile));
        steps.addAll(List.of("$shimhost " + second + " > second.out 2> second.err && echo second-ran || echo second-status=$?",
                "echo framework=$framework", "kill -9 $framework"));

        String report = scenario(steps.toArray(String[]::new));

        String framework = report.replaceAll("(?s).*framework=(\\d+).*", "$1");
        assertThat(report).contains("second-status=1");
        assertThat(read("second.err")).contains("shimhost: the shim registry on state directory " + state
                + " failed to start: The state directory " + state + " is in use by another shimhost (pid " + framework
                + "): give each framework its own state.directory");
        assertThat(read("second.out")).isEmpty();
    }

    /**
     * The framework is killed at a random moment while a script starts shims, twenty times over one
     * state folder; then every shim process alive in the namespace must be in the table, running.
     */
    @Test
    void aKillAtAnyMomentOfAStartLeavesNoShimUntracked() throws Exception {
        List<String> starts = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            starts.add(KataStandIn.start(standIn, "-d -c crash"));
        }
        String burst = gogo("burst.gogo", starts.toArray(String[]::new));
        String last = gogo("last.gogo", "shim:ps");

        String report = scenario(
                "for round in $(seq 1 20); do",
                "  $shimhost " + burst + " > burst.out 2> burst.err & framework=$!",
                "  await pid= burst.out",
                "  sleep 0.0$((RANDOM % 10))$((RANDOM % 10))",
                "  kill -9 $framework; wait $framework || true",
                "  echo round=$round started=$(grep -c pid= burst.out)",
                "done",
                "sleep 0.5",
                "$shimhost " + last + " > last.out 2> last.err || echo last-failed",
                "for pid in $(pgrep -x sleep); do echo live=$pid; done",
                "for pid in $(pgrep -x kata-shim); do echo live=$pid; done");

        assertThat(report).doesNotContain("last-failed").contains("round=20");
        List<String> live = report.lines().filter(l -> l.startsWith("live=")).map(l -> l.substring(5)).toList();
        assertThat(live).as("shims started in 20 rounds").hasSizeGreaterThan(20);
        String table = read("last.out");
        List<String> untracked = live.stream()
                .filter(pid -> table.lines().noneMatch(l -> l.matches("\\S+\\s+kataShim\\s+crash\\s+" + pid + "\\s+running\\s+.*")))
                .toList();
        assertThat(untracked).as("live shim processes missing from the table:%n%s%n%s", table, report).isEmpty();
    }

    @Test
    void forgottenShimsStayForgottenAcrossARestart() throws Exception {
        Launcher first = run("shim:start -t n1 noopShim", "shim:start -t n2 noopShim", "shim:start -t n3 noopShim",
                "shim:forget n1");
        assertThat(first.stdout()).contains("forgot 1 shim: n1");

        Launcher second = run("shim:ps", "shim:forget", "shim:ps");

        String out = second.stdout();
        assertThat(out.substring(0, out.indexOf("forgot"))).doesNotContain("n1 ").contains("n2 ", "n3 ");
        assertThat(out).contains("forgot 2 shims: n2 n3");
        assertThat(out.substring(out.indexOf("ID", out.indexOf("forgot")))).doesNotContain("n2 ", "n3 ");
    }

    @Test
    void aTruncatedTableKeepsItsValidRecordsAndIsReportedOnce() throws Exception {
        run("shim:start -t n1 noopShim", "shim:start -t n2 noopShim", "shim:start -t n3 noopShim");
        Path table = state.resolve("shims.table");
        byte[] bytes = Files.readAllBytes(table);
        Files.write(table, Arrays.copyOf(bytes, bytes.length - 30));

        Launcher second = run("shim:ps");

        assertThat(second.stdout()).contains("n1 ", "n2 ").doesNotContain("n3 ");
        assertReportedOnce(second, "dropped=\"1\"");
        assertThat(state.resolve("shims.table.corrupt")).hasBinaryContent(Arrays.copyOf(bytes, bytes.length - 30));
        assertThat(run("shim:ps").stderr()).as("the table was written back whole").doesNotContain("Shim table damaged");
    }

    @Test
    void aTableWithGarbageKeepsItsValidRecordsAndIsReportedOnce() throws Exception {
        run("shim:start -t n1 noopShim", "shim:start -t n2 noopShim", "shim:start -t n3 noopShim");
        Path table = state.resolve("shims.table");
        List<String> lines = new ArrayList<>(Files.readAllLines(table));
        lines.set(2, "\u0000\u00ff garbage where n2 was");
        lines.add(lines.get(3).replace("n3", "n4"));
        Files.write(table, lines);

        Launcher second = run("shim:ps");

        assertThat(second.stdout()).contains("n1 ", "n3 ").doesNotContain("n2 ", "n4 ");
        assertReportedOnce(second, "dropped=\"2\"");
    }

    @Test
    void aTableOfNothingButGarbageStartsEmpty() throws Exception {
        Files.createDirectories(state);
        byte[] noise = new byte[4096];
        new Random(7).nextBytes(noise);
        Files.write(state.resolve("shims.table"), noise);

        Launcher launcher = run("shim:start -t fresh noopShim", "shim:ps");

        assertThat(launcher.stdout()).contains("fresh ");
        assertReportedOnce(launcher, "recovered=\"0\"");
    }

    private static void assertReportedOnce(Launcher launcher, String detail) {
        String err = launcher.stderr();
        assertThat(err.split("Shim table damaged", -1)).as(err).hasSize(2);
        assertThat(err.lines().filter(l -> l.contains("Shim table damaged"))).singleElement().asString().contains(detail);
    }
}
