package io.shimhost.ctl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** What bundles print to System.out in the launcher: passed on to stderr, but for Event Admin's own messages without a Log Service. */
class BundleOutputTest {

    @Test
    void linesPassButEventAdminsOwnMessagesWithoutALogService() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream out = new Main.BundleOutput(new PrintStream(err, true, StandardCharsets.UTF_8));

        out.println("a bundle's line");
        out.println("WARNING: EventAdmin: Event Task Processing Interrupted. Events may not be received in proper order.");
        out.println("WARNING: EventAdmin: Exception: java.util.concurrent.RejectedExecutionException: Task …");
        out.println("a line that mentions EventAdmin: later on");

        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("a bundle's line\na line that mentions EventAdmin: later on\n");
    }
}
