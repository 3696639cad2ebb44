package io.shimhost.metrics.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.shimhost.api.ExitStatus;
import io.shimhost.api.ShimType;
import io.shimhost.api.metrics.ShimMetrics;

class NodeMetricsTest {

    private NodeMetrics metrics;

    @AfterEach
    void stop() {
        if (metrics != null) {
            metrics.deactivate();
        }
    }

    private NodeMetrics served() throws IOException {
        metrics = new NodeMetrics(at("127.0.0.1:0"));
        return metrics;
    }

    static MetricsConfig at(String address) {
        return new MetricsConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return MetricsConfig.class;
            }

            @Override
            public String address() {
                return address;
            }

            @Override
            public boolean per_shim() {
                return false;
            }
        };
    }

    private String scrape() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + metrics.port() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
        return response.body();
    }

    @Test
    void startsAreCountedByTypeAndResultWithTheirLatency() throws Exception {
        served().startEnded(ShimType.KATA, true, 3_000_000);
        metrics.startEnded(ShimType.KATA, true, 4_000_000);
        metrics.startEnded(ShimType.NOOP, false, 20_000);

        assertThat(scrape()).contains("shimhost_starts_total{result=\"started\",type=\"kataShim\"} 2.0\n",
                "shimhost_starts_total{result=\"failed\",type=\"noopShim\"} 1.0\n",
                "shimhost_start_duration_seconds_bucket{type=\"kataShim\",le=\"0.005\"} 2\n",
                "shimhost_start_duration_seconds_bucket{type=\"kataShim\",le=\"0.0025\"} 0\n",
                "shimhost_start_duration_seconds_count{type=\"kataShim\"} 2\n",
                "shimhost_start_duration_seconds_sum{type=\"kataShim\"} 0.007\n");
    }

    @Test
    void exitsAreCountedByHowTheShimEnded() throws Exception {
        served().shimExited(ShimType.KATA, ExitStatus.exited(0));
        metrics.shimExited(ShimType.KATA, ExitStatus.killed(9));
        metrics.shimExited(ShimType.KATA, ExitStatus.killed(15));
        metrics.shimExited(ShimType.KATA, ExitStatus.unknown());
        metrics.shimExited(ShimType.KATA, ExitStatus.oomKilled());

        assertThat(scrape()).contains("shimhost_exits_total{how=\"exited\",type=\"kataShim\"} 1.0\n",
                "shimhost_exits_total{how=\"killed\",type=\"kataShim\"} 2.0\n",
                "shimhost_exits_total{how=\"oom-killed\",type=\"kataShim\"} 1.0\n",
                "shimhost_exits_total{how=\"unknown\",type=\"kataShim\"} 1.0\n");
    }

    @Test
    void adoptionsTableWritesAndWakeUpsAreCounted() throws Exception {
        served().adopted(ShimMetrics.Adoption.ADOPTED);
        metrics.adopted(ShimMetrics.Adoption.LOST);
        metrics.tableWritten(200_000);
        metrics.supervisorWoke(30_000);

        assertThat(scrape()).contains("shimhost_adoptions_total{outcome=\"adopted\"} 1.0\n",
                "shimhost_adoptions_total{outcome=\"lost\"} 1.0\n",
                "shimhost_table_write_duration_seconds_bucket{le=\"2.5E-4\"} 1\n",
                "shimhost_supervisor_wakeup_duration_seconds_bucket{le=\"5.0E-5\"} 1\n");
    }

    @Test
    void theEndpointListensOnTheConfiguredAddressOnly() throws Exception {
        served();

        try (Socket socket = new Socket()) {
            assertThatThrownBy(() -> socket.connect(new InetSocketAddress("127.0.0.2", metrics.port()), 2000))
                    .isInstanceOf(ConnectException.class);
        }
    }

    @Test
    void deactivationStopsServingAndLeavesNoThread() throws Exception {
        served();
        scrape();
        int port = metrics.port();

        metrics.deactivate();
        metrics = null;

        try (Socket socket = new Socket()) {
            assertThatThrownBy(() -> socket.connect(new InetSocketAddress("127.0.0.1", port), 2000))
                    .isInstanceOf(ConnectException.class);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (serverThreads() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(serverThreads()).isZero();
    }

    private static long serverThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive)
                .filter(t -> t.getName().startsWith("prometheus-http") || t.getName().startsWith("HTTP-Dispatcher"))
                .count();
    }

    @Test
    void aBusyPortIsAnErrorNamingTheAddress() throws Exception {
        served();

        assertThatThrownBy(() -> new NodeMetrics(at("127.0.0.1:" + metrics.port())))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("Cannot serve metrics at 127.0.0.1:" + metrics.port() + " (io.shimhost.metrics): ");
    }

    @Test
    void theExpositionPassesPromtool(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/promtool")), "promtool (Debian's prometheus package)");
        served().startEnded(ShimType.KATA, true, 3_000_000);
        metrics.shimExited(ShimType.KATA, ExitStatus.killed(9));
        metrics.adopted(ShimMetrics.Adoption.EXITED);
        metrics.tableWritten(200_000);
        metrics.supervisorWoke(30_000);
        Path scraped = Files.writeString(dir.resolve("metrics.txt"), scrape());

        Process promtool = new ProcessBuilder("/usr/bin/promtool", "check", "metrics").redirectErrorStream(true)
                .redirectInput(scraped.toFile()).start();
        String said = new String(promtool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(promtool.waitFor()).as(said).isZero();
        assertThat(said).isEmpty();
    }
}
