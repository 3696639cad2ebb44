package io.shimhost.registry.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One watcher keeps every watched log under its limit as it is written, and lets go of it at the end. */
class OutputLogsTest {

    @TempDir
    Path dir;

    /** Waits for the watcher's thread, which works on its own time; a bound, not a measure. */
    private static void awaitAtMost(Path file, long size) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (Files.size(file) > size && Instant.now().isBefore(deadline)) {
            Thread.sleep(10);
        }
    }

    @Test
    void aWatchedLogThatGrowsPastItsLimitIsRotated() throws Exception {
        OutputLog log = new OutputLog(dir.resolve("a.log"), 1024);
        try (OutputLogs logs = new OutputLogs();
                OutputStream shim = Files.newOutputStream(log.file(), StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            logs.watch(log);
            shim.write(new byte[5000]);
            shim.flush();

            awaitAtMost(log.file(), 1024);

            assertThat(Files.size(log.file())).isLessThanOrEqualTo(1024);
            assertThat(Files.size(log.rotated())).isEqualTo(1024);
        }
    }

    @Test
    void aLogNoLongerWatchedIsCheckedOnceMoreThenLeftAlone() throws Exception {
        OutputLog log = new OutputLog(dir.resolve("b.log"), 1024);
        try (OutputLogs logs = new OutputLogs()) {
            logs.watch(log);
            Files.write(log.file(), new byte[2000]);
            logs.unwatch(log);
            assertThat(Files.size(log.file())).as("checked at the unwatch").isZero();

            Files.write(log.file(), new byte[3000]);
            Thread.sleep(300);

            assertThat(Files.size(log.file())).as("not watched any more").isEqualTo(3000);
        }
    }

    @Test
    void aLogThatIsNeverWatchedStartsNoThread() throws IOException {
        try (OutputLogs logs = new OutputLogs()) {
            assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().equals("shimhost-output-logs"));
        }
    }
}
