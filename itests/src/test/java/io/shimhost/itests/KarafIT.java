package io.shimhost.itests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * shimhost in a real Apache Karaf 4.4, black-box: the features repository is added and the host
 * and shim features installed from the console exactly as the README says; then the shim commands,
 * the kata configuration file in etc/, Karaf's logging, removing a shim feature, and a shim that
 * outlives a restart of Karaf. One Karaf for the class (it takes a while to start); the tests run
 * in the order an operator would act.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KarafIT {

    private static final List<String> HOST = List.of("io.shimhost.api", "io.shimhost.core", "io.shimhost.registry",
            "io.shimhost.json", "io.shimhost.shell", "io.shimhost.health", "io.shimhost.metrics");
    private static final List<String> SHIMS = List.of("io.shimhost.shim.noop", "io.shimhost.shim.kata",
            "io.shimhost.shim.kata.builtin");

    @TempDir
    static Path dir;

    private Karaf karaf;
    private String installed;

    @BeforeAll
    void installShimhost() throws Exception {
        karaf = Karaf.prepare(dir);
        karaf.start();
        installed = karaf.console(
                "feature:repo-add mvn:io.shimhost/shimhost-features/" + Karaf.version() + "/xml/features",
                "feature:install shimhost shimhost-noop shimhost-kata shimhost-kata-builtin shimhost-health shimhost-metrics",
                "bundle:list -s");
    }

    @AfterAll
    void stopKaraf() throws Exception {
        if (karaf != null) {
            karaf.close();
        }
    }

    /** bundle:list -s rows: ID | State | Level | Version | Symbolic name. */
    private static String bundleRow(String list, String bsn) {
        return list.lines().filter(l -> l.strip().endsWith("| " + bsn)).findFirst()
                .orElseThrow(() -> new AssertionError("no bundle " + bsn + " in:\n" + list));
    }

    @Test
    @Order(1)
    void theFeaturesInstallAndEveryBundleIsActive() {
        assertThat(installed).doesNotContain("Error");
        for (String bsn : concat(HOST, SHIMS)) {
            assertThat(bundleRow(installed, bsn)).contains("Active");
        }
        assertThat(installed).as("no logback inside Karaf").doesNotContain("ch.qos.logback");
    }

    @Test
    @Order(2)
    void shimTypesListsTheThreeTypes() throws Exception {
        String types = karaf.console("shim:types");

        assertThat(types).contains("kataBuiltInShim", "kataShim", "noopShim").doesNotContain("Error");
    }

    @Test
    @Order(3)
    void theKataDefaultsAreInEtcForTheOperator() throws Exception {
        assertThat(karaf.etc("io.shimhost.shim.kata.cfg")).content()
                .contains("path = /usr/libexec/kata-containers/kata-shim");
    }

    @Test
    @Order(4)
    void anEditedKataConfigFileReachesKataShimWhichStartsAndStopsTheStandIn() throws Exception {
        Path standIn = KataStandIn.install(dir);
        Files.writeString(dir.resolve("sleep"), "60");
        Path cfg = karaf.etc("io.shimhost.shim.kata.cfg");
        Files.writeString(cfg, Files.readString(cfg).replace("/usr/libexec/kata-containers/kata-shim",
                standIn.toString()));
        String path = "";
        for (int i = 0; i < 20 && !path.contains(standIn.toString()); i++) {
            Thread.sleep(500);
            path = karaf.console("config:property-get --pid io.shimhost.shim.kata path");
        }
        assertThat(path).contains(standIn.toString());

        String out = karaf.console("shim:start -d -c c1 -t k1 -u unix:///run/agent.sock kataShim", "shim:ps",
                "shim:stop k1", "shim:wait k1");

        Matcher started = Pattern.compile("id=k1 pid=(\\d+)").matcher(out);
        assertThat(started.find()).as(out).isTrue();
        assertThat(out).containsPattern("k1\\s+kataShim\\s+c1\\s+" + started.group(1) + "\\s+running\\s+started")
                .contains("stopped pid " + started.group(1), "killed SIGKILL");
        assertThat(karaf.console("shim:audit")).as("the registry's and the core's checks run in Karaf")
                .contains("ok    table", "ok    supervision", "ok    pidfds", "ok    supervisor");
    }

    @Test
    @Order(5)
    void karafsEventCommandsSeeTheShimsExit() throws Exception {
        String events = "";
        for (int i = 0; i < 20 && !events.contains("io/shimhost/shim/exited"); i++) {
            Thread.sleep(i == 0 ? 0 : 500);
            events = karaf.console("event:display -v io/shimhost/shim/*");
        }

        assertThat(events).contains("io/shimhost/shim/started", "io/shimhost/shim/exited", "shim.id: k1",
                "shim.type: kataShim", "shim.container: c1", "shim.signal: 9");
    }

    @Test
    @Order(6)
    void everyCommandsHelpShowsItsUsageInKaraf() throws Exception {
        for (String command : HardeningIT.COMMANDS) {
            assertThat(karaf.console("shim:" + command + " --help")).as(command)
                    .contains("usage: shim:" + command, "-h, --help").doesNotContain("Error");
        }
    }

    @Test
    @Order(7)
    void theAclLetsAViewerLookButNotStopSignalOrForget() throws Exception {
        assertThat(karaf.etc("org.apache.karaf.command.acl.shim.cfg")).content().contains("stop = admin",
                "signal = admin", "forget = admin");
        assertThat(karaf.consoleAs("watcher", "shim:ps")).contains("ID", "TYPE", "k1");
        for (String command : List.of("shim:stop k1", "shim:signal k1 TERM", "shim:forget k1")) {
            assertThat(karaf.consoleAs("watcher", command).replaceAll("\u001b\\[[0-9;]*m", ""))
                    .contains("Command not found: " + command.substring(0, command.indexOf(' ')));
        }
        assertThat(karaf.console("shim:ps")).as("k1 is still recorded").contains("k1");
    }

    @Test
    @Order(8)
    void tabCompletesShimCommandsInKarafsConsole() throws Exception {
        Path standIn = KataStandIn.install(dir);
        Files.writeString(dir.resolve("sleep"), "120");
        assertThat(karaf.console(KataStandIn.start(standIn, "-d -c c3 -t tabbed"))).contains("id=tabbed");
        String prompt = "karaf@root()>";
        try (Tmux client = Tmux.start(dir, karaf.clientCommand())) {
            client.await("the prompt", s -> lastLine(s).equals(prompt));

            client.type("shim:st").keys("Tab");
            client.await("shim:start and shim:stop offered", s -> s.contains("shim:start") && s.contains("shim:stop"));
            client.keys("C-u").type("shim:start --new").keys("Tab");
            client.await("--new-ns completed", s -> lastLine(s).equals(prompt + " shim:start --new-ns"));
            client.type("n").keys("Tab");
            client.await("net completed", s -> lastLine(s).equals(prompt + " shim:start --new-ns net"));
            client.keys("C-u").type("shim:stop ").keys("Tab");
            client.await("the ids offered, the running one among them", s -> s.lines().anyMatch(l -> l.contains("tabbed")
                    && !l.startsWith(prompt)));
            client.keys("C-u").type("shim:ps -q").keys("Enter");
            client.await("the ids", s -> s.lines().anyMatch(l -> l.strip().equals("tabbed")));
            client.keys("Up");
            client.await("the last command recalled", s -> lastLine(s).equals(prompt + " shim:ps -q"));
            client.keys("C-u").type("help shim:ps").keys("Enter");
            client.await("the help of shim:ps", s -> s.contains("usage: shim:ps [--format FORMAT] [-q]")
                    && s.contains("-q, --quiet"));
        } finally {
            karaf.console("shim:stop tabbed", "shim:wait tabbed");
        }
    }

    private static String lastLine(String screen) {
        return screen.lines().filter(l -> !l.isBlank()).reduce((a, b) -> b).orElse("").strip();
    }

    @Test
    @Order(9)
    void ourLogLinesGoToKarafsLog() throws Exception {
        assertThat(karaf.log()).contains("Shim registry started", "Shim started");
    }

    @Test
    @Order(10)
    void uninstallingTheNoopFeatureRemovesNoopShimAndLeavesTheHostRunning() throws Exception {
        String out = karaf.console("feature:uninstall shimhost-noop", "shim:types", "bundle:list -s");

        String types = out.substring(0, out.indexOf("START LEVEL"));
        assertThat(types).contains("kataShim", "kataBuiltInShim").doesNotContain("noopShim");
        assertThat(out).doesNotContain("io.shimhost.shim.noop");
        for (String bsn : HOST) {
            assertThat(bundleRow(out, bsn)).as("%s unchanged", bsn).isEqualTo(bundleRow(installed, bsn));
        }
        assertThat(karaf.log().split("Shim registry started", -1)).as("the registry was not restarted").hasSize(2);
    }

    @Test
    @Order(11)
    void aShimOutlivesAKarafRestartAndIsAdoptedAgain() throws Exception {
        Path standIn = KataStandIn.install(dir);
        Files.writeString(dir.resolve("sleep"), "120");
        String started = karaf.console(KataStandIn.start(standIn, "-d -c c2 -t survivor"));
        Matcher pid = Pattern.compile("id=survivor pid=(\\d+)").matcher(started);
        assertThat(pid.find()).as(started).isTrue();

        karaf.close();
        assertThat(ProcessHandle.of(Long.parseLong(pid.group(1)))).as("the shim outlives Karaf").isPresent();
        karaf.start();
        String out = karaf.console("shim:ps", "shim:stop survivor", "shim:wait survivor");

        assertThat(out).containsPattern("survivor\\s+kataShim\\s+c2\\s+" + pid.group(1) + "\\s+running\\s+adopted")
                .contains("stopped pid " + pid.group(1), "exited, status unknown");
    }

    @Test
    @Order(12)
    void theHealthChecksRunInKaraf() throws Exception {
        // bin/client -b prints what commands write, not what they return, and hc:exec returns its table
        // (which starts with dashes, hence echo's --)
        String health = karaf.console("echo -- (hc:exec shimhost)");

        assertThat(health).contains("Overall Health Result: OK").containsPattern("shimhost core\\s+OK")
                .containsPattern("shimhost registry\\s+OK");
    }

    @Test
    @Order(13)
    void theMetricsAreServedOnceEtcNamesAnAddress() throws Exception {
        assertThat(Files.readString(karaf.etc("io.shimhost.metrics.cfg"))).contains("#address = 127.0.0.1:9464");
        int port = Karaf.port();

        karaf.console("config:property-set --pid io.shimhost.metrics address 127.0.0.1:" + port);

        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        java.net.http.HttpRequest scrape = java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:" + port + "/metrics")).build();
        String metrics = null;
        for (int i = 0; i < 100 && metrics == null; i++) {
            try {
                metrics = http.send(scrape, java.net.http.HttpResponse.BodyHandlers.ofString()).body();
            } catch (java.io.IOException e) {
                Thread.sleep(200);
            }
        }
        assertThat(metrics).as("served within 20 s").isNotNull().contains("# TYPE shimhost_shims gauge",
                "shimhost_adoptions_total{outcome=\"adopted\"} 1.0\n");
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }

    @Test
    @Order(90)
    void jmxtermSeesTheRegistryAndTheShimsInKarafsMBeanServer() throws Exception {
        karaf.console("feature:install shimhost-jmx", "shim:start -t jmx-1 kataBuiltInShim");

        String out = JmxTerm.run(karaf.javaPid(), "get -s -b io.shimhost:type=Registry Types",
                "get -s -b io.shimhost:type=Shim,id=jmx-1 Type State");

        assertThat(out.lines().toList()).as(out).contains("kataBuiltInShim", "no-process");
    }

    @Test
    @Order(91)
    void theShimsPageInKarafsWebConsoleFollowsAShimBehindKarafsRealm() throws Exception {
        int port = Karaf.port();
        Files.writeString(karaf.etc("org.ops4j.pax.web.cfg"), "org.osgi.service.http.port = " + port
                + "\norg.ops4j.pax.web.listening.addresses = 127.0.0.1\n");
        karaf.console("feature:install shimhost-webconsole", "shim:start -d -c cw -t web-1 -u unix:///run/agent.sock kataShim");
        String page = "http://127.0.0.1:" + port + "/system/console/shims";
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        int anonymous = 0;
        for (int i = 0; i < 100 && anonymous != 401; i++) {
            try {
                anonymous = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(page)).build(),
                        java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode();
            } catch (java.io.IOException e) {
                Thread.sleep(200);
            }
        }
        assertThat(anonymous).as("no password, no page").isEqualTo(401);

        try (Browser browser = new Browser(Files.createDirectories(dir.resolve("chromium")))) {
            // the credentials once, in the address; then the page by its plain address, as the browser keeps them
            browser.driver().get("http://karaf:karaf@127.0.0.1:" + port + "/system/console/shims");
            browser.driver().get(page);
            By state = By.cssSelector("#shims tr[data-id='web-1'] td.state");
            browser.await().until(ExpectedConditions.textToBe(state, "running"));
            browser.screenshot("karaf-shims-running");

            karaf.console("shim:stop web-1");

            browser.await().until(ExpectedConditions.textToBe(state, "killed"));
            browser.screenshot("karaf-shims-exited");
        }
    }
}
