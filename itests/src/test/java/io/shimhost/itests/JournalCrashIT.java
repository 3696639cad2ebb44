package io.shimhost.itests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The table's journal under kill -9, black-box: launchers that record a thousand starts each are
 * killed after a random number of them (in an append, or in one of the compactions that come every
 * few hundred starts), and
 * the next framework has every shim whose start was confirmed, each once.
 */
class JournalCrashIT {

    private static final int ROUNDS = 6;
    private static final int STARTS = 1000;

    @TempDir
    Path dir;

    @Test
    void everyConfirmedStartComesBackOnceAfterKillsDuringAppendsAndCompactions() throws Exception {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        // every ended shim kept: this is about what a kill leaves, not about the retention
        Path conf = Files.createDirectories(dir.resolve("home").resolve("conf"));
        Files.setPosixFilePermissions(conf, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        Files.writeString(conf.resolve("io.shimhost.registry.cfg"), "retention.count = " + 10 * ROUNDS * STARTS + "\n");
        List<String> home = List.of("-Dshimhost.home=" + dir.resolve("home"));
        Set<String> confirmed = new HashSet<>();
        for (int round = 0; round < ROUNDS; round++) {
            List<String> script = new ArrayList<>();
            for (int i = 0; i < STARTS; i++) {
                script.add("shim:start -t r" + round + "-" + i + " noopShim");
            }
            Path file = Files.write(dir.resolve("starts.gogo"), script);
            try (Launcher launcher = Launcher.start(dir, home, file.toString())) {
                // killed after a random number of its starts, wherever it is then: an append, a compaction
                awaitConfirmed(launcher, 1 + random.nextInt(STARTS - 1));
                launcher.process().destroyForcibly().waitFor(30, TimeUnit.SECONDS); // SIGKILL
                launcher.stdout().lines().filter(l -> l.startsWith("id=")).map(l -> l.substring(3, l.indexOf(' ')))
                        .forEach(confirmed::add);
            }
        }

        Launcher after = Launcher.start(dir, home, Files.write(dir.resolve("ps.gogo"), List.of("shim:ps -q")).toString());
        after.awaitExit();

        List<String> ids = after.stdout().lines().toList();
        assertThat(after.process().exitValue()).as(after.stderr()).isZero();
        assertThat(ids).as("seed " + seed).doesNotHaveDuplicates().containsAll(confirmed);
        assertThat(ids.size() - confirmed.size()).as("starts recorded but not yet confirmed when killed, one a round at most")
                .isBetween(0, ROUNDS);
        assertThat(after.stderr()).as("seed " + seed).doesNotContain("Shim table damaged");
        assertThat(confirmed.size()).as("the kills came during the starts").isBetween(1, ROUNDS * STARTS - 1);
    }

    /** Until the launcher has confirmed that many starts (or ended, or a minute has gone). */
    private static void awaitConfirmed(Launcher launcher, int starts) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (launcher.process().isAlive() && System.nanoTime() < deadline
                && launcher.stdout().lines().filter(l -> l.startsWith("id=")).count() < starts) {
            Thread.sleep(2);
        }
    }
}
