package io.shimhost.itests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The registry's documented configuration file, {@code conf/io.shimhost.registry.cfg}, whatever it
 * holds, never keeps the launcher from starting, and {@code state.directory} in it is honoured.
 */
class RegistryConfigFileIT {

    @TempDir
    Path dir;

    private Launcher runWithRegistryFile(String... lines) throws Exception {
        return run(List.of("shim:start -t t1 noopShim", "shim:ps -q"), lines);
    }

    private Launcher run(List<String> script, String... registryCfg) throws Exception {
        Path home = Files.createDirectories(dir.resolve("home"));
        Path conf = Files.createDirectories(home.resolve("conf"));
        Files.setPosixFilePermissions(conf, PosixFilePermissions.fromString("rwx------"));
        Files.write(conf.resolve("io.shimhost.registry.cfg"), List.of(registryCfg));
        Path file = Files.write(dir.resolve("script.gogo"), script);
        Launcher launcher = Launcher.start(dir, List.of("-Dshimhost.home=" + home), file.toString());
        launcher.awaitExit();
        return launcher;
    }

    @Test
    void aFileHoldingOnlyACommentLetsTheLauncherStartOnItsStateFolder() throws Exception {
        try (Launcher launcher = runWithRegistryFile("# nothing set")) {
            assertThat(launcher.awaitExit()).as(launcher.stderr()).isZero();
            assertThat(launcher.stdout()).contains("t1");
            assertThat(dir.resolve("home/state/shims.table")).exists();
        }
    }

    @Test
    void theDocumentedOutputLimitIsTaken() throws Exception {
        try (Launcher launcher = runWithRegistryFile("output.limit = 4096")) {
            assertThat(launcher.awaitExit()).as(launcher.stderr()).isZero();
            assertThat(launcher.stdout()).contains("t1");
        }
    }

    @Test
    void theDocumentedStateDirectoryIsWhereTheTableIsKept() throws Exception {
        Path state = dir.resolve("elsewhere");
        try (Launcher launcher = runWithRegistryFile("state.directory = " + state)) {
            assertThat(launcher.awaitExit()).as(launcher.stderr()).isZero();
            assertThat(state.resolve("shims.table")).exists();
            assertThat(dir.resolve("home/state")).doesNotExist();
        }
    }

    @Test
    void endedShimsPastTheRetentionAreForgottenAndTheNextStartReadsTheTable() throws Exception {
        List<String> starts = new ArrayList<>();
        for (int i = 0; i < 1200; i++) {
            starts.add("shim:start -t s" + i + " noopShim");
        }
        try (Launcher first = run(starts, "retention.count = 100")) {
            assertThat(first.awaitExit()).as(first.stderr()).isZero();
        }
        try (Launcher next = run(List.of("shim:ps -q"), "retention.count = 100")) {
            assertThat(next.awaitExit()).as(next.stderr()).isZero();
            assertThat(next.stdout().lines()).hasSize(100).contains("s1199").doesNotContain("s1099");
        }
    }

    @Test
    void aKeyNothingReadsIsAWarningNamingItAndTheKnownKeys() throws Exception {
        try (Launcher launcher = runWithRegistryFile("retention.cout = 5")) {
            assertThat(launcher.awaitExit()).as(launcher.stderr()).isZero();
            assertThat(launcher.stderr()).contains("io.shimhost.registry.cfg: unknown key retention.cout, which nothing "
                    + "reads; io.shimhost.registry knows output.limit, retention.age, retention.count, state.directory");
        }
    }
}
