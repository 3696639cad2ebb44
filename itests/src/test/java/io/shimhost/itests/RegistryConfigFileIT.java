package io.shimhost.itests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
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
        Path home = Files.createDirectories(dir.resolve("home"));
        Path conf = Files.createDirectories(home.resolve("conf"));
        Files.setPosixFilePermissions(conf, PosixFilePermissions.fromString("rwx------"));
        Files.write(conf.resolve("io.shimhost.registry.cfg"), List.of(lines));
        Path script = Files.write(dir.resolve("script.gogo"), List.of("shim:start -t t1 noopShim", "shim:ps -q"));
        Launcher launcher = Launcher.start(dir, List.of("-Dshimhost.home=" + home), script.toString());
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
}
