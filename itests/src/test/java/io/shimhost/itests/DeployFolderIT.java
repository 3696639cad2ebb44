package io.shimhost.itests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher's deploy/ folder, black-box: a shim bundle dropped in is usable, taken out is gone. */
class DeployFolderIT {

    @TempDir
    Path dir;

    @Test
    void aShimBundleDroppedIntoDeployIsUsableAndRemovingItWithdrawsItsType() throws Exception {
        Path home = Files.createDirectories(dir.resolve("home"));
        Files.createDirectories(home.resolve("conf"));
        Path deploy = Files.createDirectories(home.resolve("deploy"));
        try (Launcher launcher = Launcher.start(dir, List.of("-Dshimhost.home=" + home))) {
            OutputStream stdin = launcher.process().getOutputStream();
            assertThat(typesUntil(launcher, stdin, t -> t.contains("noopShim"))).doesNotContain("commandShim");

            Path jar = deploy.resolve("command-shim.jar");
            Files.copy(ShimhostFramework.jar("org.example.shim.command").toPath(), jar);
            assertThat(typesUntil(launcher, stdin, t -> t.contains("commandShim")))
                    .containsPattern("commandShim\\s+org.example.shim.command\\s+1.0.0");

            Files.delete(jar);
            assertThat(typesUntil(launcher, stdin, t -> !t.contains("commandShim"))).contains("noopShim");
            stdin.close();
            assertThat(launcher.awaitExit()).isZero();
        }
    }

    /** Asks for shim:types every 200 ms until the latest answer satisfies the condition (15 s at most). */
    private static String typesUntil(Launcher launcher, OutputStream stdin, Predicate<String> condition)
            throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        for (int n = 0; ; n++) {
            String marker = "begin-" + n;
            stdin.write(("\"" + marker + "\"\nshim:types\n\"end-" + n + "\"\n").getBytes(StandardCharsets.UTF_8));
            stdin.flush();
            String answer = awaitBetween(launcher, marker, "end-" + n);
            if (condition.test(answer)) {
                return answer;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("shim:types never became as wanted; last: " + answer);
            }
            Thread.sleep(200);
        }
    }

    private static String awaitBetween(Launcher launcher, String start, String end) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            String out = launcher.stdout();
            int from = out.lastIndexOf(start + "\n");
            int to = out.lastIndexOf(end);
            if (from >= 0 && to > from) {
                return out.substring(from + start.length(), to);
            }
            if (System.nanoTime() > deadline || !launcher.process().isAlive()) {
                throw new AssertionError("no answer between " + start + " and " + end + ": " + out + launcher.stderr());
            }
            Thread.sleep(20);
        }
    }
}
