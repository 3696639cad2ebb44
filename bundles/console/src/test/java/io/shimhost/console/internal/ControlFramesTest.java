package io.shimhost.console.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A command's output as the daemon frames it for a control client, through the session's stream
 * as a control connection builds it (a flush after each write, as Gogo's pipe writes).
 */
class ControlFramesTest {

    private static final Pattern FRAME = Pattern.compile("o (\\d+)\n");

    private final ByteArrayOutputStream socket = new ByteArrayOutputStream();
    private final ScheduledExecutorService linger = Executors.newSingleThreadScheduledExecutor();
    private final ControlFrames.Output output = new ControlFrames(socket, linger).output();
    private final PrintStream session = new PrintStream(output, true, StandardCharsets.UTF_8);

    @AfterEach
    void stopLinger() {
        linger.shutdownNow();
    }

    private String sent() {
        return socket.toString(StandardCharsets.UTF_8);
    }

    private static int frames(String sent) {
        int n = 0;
        for (Matcher m = FRAME.matcher(sent); m.find(); ) {
            n++;
        }
        return n;
    }

    @Test
    void aLoneLineGoesOutAtOnce() {
        session.println("tick 1");

        assertThat(sent()).isEqualTo("o 7\ntick 1\n");
    }

    @Test
    void aThousandLinesPrintedTogetherGoInAFewFramesAndWhole() throws Exception {
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 1000; i++) {
            session.println("shim-" + i + "  noopShim  running");
            expected.append("shim-").append(i).append("  noopShim  running\n");
        }
        output.drain();

        String sent = sent();
        assertThat(frames(sent)).isLessThan(100);
        assertThat(FRAME.matcher(sent).replaceAll("")).isEqualTo(expected.toString());
    }

    @Test
    void aLineLeftWaitingWhenTheCommandGoesQuietIsSentWithoutTheEnd() throws Exception {
        session.println("tick 1");
        session.println("tick 2");

        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!sent().contains("tick 2") && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        assertThat(FRAME.matcher(sent()).replaceAll("")).isEqualTo("tick 1\ntick 2\n");
    }
}
