package io.shimhost.itests;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The web console of the executable jar in a real browser (Debian's chromium, headless): the shims page
 * follows a shim started through the API to its exit without a reload, a stop from a shim's page stops it,
 * and the console admits only the local users the sockets admit, by its own Host and Origin, and actions
 * only with the page's token. Screenshots are kept in {@code target/screenshots/}.
 */
class WebConsoleIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private NodeDaemon node;
    private ApiClient api;
    private Path bin;
    private Browser browser;
    private String console;

    @BeforeEach
    void daemonWithTheConsole() throws Exception {
        int port = freePort();
        node = daemon("127.0.0.1:" + port);
        console = "http://127.0.0.1:" + port + "/system/console";
        api = new ApiClient(node.state().resolve("api.sock"), Files.createDirectories(dir.resolve("calls")));
        bin = Files.createDirectories(dir.resolve("bin"));
        browser = new Browser(Files.createDirectories(dir.resolve("chromium")));
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (browser != null) {
            browser.close();
        }
        node.close();
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private NodeDaemon daemon(String address) throws Exception {
        NodeDaemon daemon = new NodeDaemon(Files.createDirectories(dir.resolve(address.replace(':', '_'))));
        Files.writeString(daemon.home().resolve("conf").resolve("io.shimhost.web.cfg"), "address = " + address + "\n");
        return daemon.start();
    }

    /** Starts a kataShim through the API whose binary sleeps; returns its pid. */
    private long startSleeper(String id) throws Exception {
        Path program = Files.writeString(bin.resolve(id), "#!/bin/sh\nexec sleep 300\n");
        Files.setPosixFilePermissions(program, PosixFilePermissions.fromString("rwxr-xr-x"));
        ApiClient.Response started = api.post("/v1/shims", KataStandIn.apiStart(id, program, ""));
        assertThat(started.status()).as(started.body()).isEqualTo(201);
        return JSON.readTree(started.body()).get("pid").asLong();
    }

    private By row(String id) {
        return By.cssSelector("#shims tr[data-id='" + id + "'] td.state");
    }

    @Test
    void theShimsPageShowsAShimStartedThroughTheApiAndItsExitWithoutAReload() throws Exception {
        long pid = startSleeper("w1");
        browser.driver().get(console + "/shims");
        browser.await().until(ExpectedConditions.textToBe(row("w1"), "running"));
        browser.await().until(ExpectedConditions.textToBePresentInElementLocated(By.id("live"), "following"));
        browser.screenshot("shims-running");

        new ProcessBuilder("kill", "-TERM", Long.toString(pid)).start().waitFor();

        browser.await().until(ExpectedConditions.textToBe(row("w1"), "killed"));
        browser.screenshot("shims-exited");
        assertThat(browser.driver().findElement(By.cssSelector("#shims tr[data-id='w1'] td.container")).getText())
                .isEqualTo("c-w1");
    }

    @Test
    void aStopFromTheShimsPageStopsItAfterTheOperatorConfirms() throws Exception {
        startSleeper("w2");
        browser.driver().get(console + "/shims?id=w2");
        browser.await().until(ExpectedConditions.textToBe(By.cssSelector("#shim td.state"), "running"));
        browser.driver().findElement(By.id("grace")).clear();
        browser.driver().findElement(By.id("grace")).sendKeys("2");

        browser.driver().findElement(By.id("stop")).click();
        browser.await().until(ExpectedConditions.alertIsPresent()).accept();

        browser.await().until(ExpectedConditions.textToBe(By.cssSelector("#shim td.state"), "killed"));
        browser.screenshot("shim-stopped");
        JsonNode shim = JSON.readTree(api.get("/v1/shims/w2").body()).get("shim");
        assertThat(shim.get("state").asText()).isEqualTo("killed");
        assertThat(shim.get("signal").asText()).isEqualTo("SIGTERM");
    }

    @Test
    void theTypesAndAuditPagesShowTheDeployedTypesAndTheChecks() throws Exception {
        browser.driver().get(console + "/shim-types");
        browser.await().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("table[data-type='kataShim']")));
        assertThat(browser.driver().findElements(By.cssSelector("table[data-type='kataShim'] td.key")))
                .extracting(e -> e.getText()).contains("path", "cgroup", "memory");
        browser.screenshot("shim-types");

        browser.driver().get(console + "/shim-audit");
        assertThat(browser.driver().findElement(By.id("verdict")).getText()).isEqualTo("Every check passed.");
        assertThat(browser.driver().findElements(By.cssSelector("td.check"))).extracting(e -> e.getText())
                .contains("cgroups", "table");
        browser.screenshot("shim-audit");
    }

    /** curl, as {@code user} (via runuser) unless root; returns the status code and the body. */
    private String curl(String user, String... args) throws Exception {
        List<String> command = new ArrayList<>();
        if (!user.equals("root")) {
            command.addAll(List.of("runuser", "-u", user, "--"));
        }
        command.addAll(List.of("curl", "-sS", "-o", "-", "-w", "\n%{http_code}"));
        command.addAll(List.of(args));
        Process curl = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        curl.waitFor();
        return out;
    }

    private String token() throws Exception {
        Matcher token = Pattern.compile("data-token=\"([^\"]+)\"").matcher(curl("root", console + "/shims"));
        assertThat(token.find()).isTrue();
        return token.group(1);
    }

    @Test
    void aStopWithoutThePagesTokenIsRefused() throws Exception {
        startSleeper("w3");
        String origin = console.substring(0, console.indexOf("/system"));

        String refused = curl("root", "-H", "Origin: " + origin, "-d", "action=stop&id=w3&token=guess", console + "/shims");
        String stopped = curl("root", "-H", "Origin: " + origin, "-d", "action=stop&id=w3&token=" + token(), console + "/shims");

        assertThat(refused).endsWith("\n403").contains("lacks the page's token");
        assertThat(stopped).endsWith("\n200").contains("\"state\":\"killed\"");
    }

    @Test
    void aStopFromAForeignOriginIsRefusedEvenWithTheToken() throws Exception {
        startSleeper("w4");

        String out = curl("root", "-H", "Origin: http://attacker.example", "-d", "action=stop&id=w4&token=" + token(),
                console + "/shims");

        assertThat(out).endsWith("\n403").contains("Origin &quot;http://attacker.example&quot;");
        assertThat(JSON.readTree(api.get("/v1/shims/w4").body()).get("shim").get("state").asText()).isEqualTo("running");
    }

    @Test
    void aRequestByAnotherNameForTheAddressIsRefused() throws Exception {
        String out = curl("root", "-H", "Host: rebound.attacker.example", console + "/shims/table.json");

        assertThat(out).endsWith("\n403").contains("Host &quot;rebound.attacker.example&quot; is not this console");
    }

    @Test
    void aUserTheSocketsRefuseIsRefused() throws Exception {
        String out = curl("nobody", console + "/shims/table.json");

        assertThat(out).endsWith("\n403").contains("refused: user nobody may not drive this shimhost");
    }

    @Test
    void anAddressOtherThanLoopbackIsRefusedInOneLineAndNothingListens() throws Exception {
        try (NodeDaemon open = daemon("0.0.0.0:" + freePort())) {
            String err = Files.readString(open.home().getParent().resolve("daemon.err"));
            Process ss = new ProcessBuilder("ss", "-ltnpH").redirectErrorStream(true).start();
            String listeners = new String(ss.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

            assertThat(err).contains("Invalid address \"0.0.0.0:").contains("the web console listens on a loopback address only")
                    .doesNotContain("\tat ");
            assertThat(listeners).doesNotContain("pid=" + open.process().pid() + ",");
        }
    }
}
