package io.shimhost.ctl;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which logback file a launcher uses when the operator names none: conf/logback.xml beside the jar, as a file. */
class LoggingConfigurationTest {

    @TempDir
    Path jarFolder;

    @Test
    void withoutOneGivenTheFileBesideTheJarIsUsed() throws Exception {
        Path file = Files.createDirectories(jarFolder.resolve("conf")).resolve("logback.xml");
        Files.writeString(file, "<configuration/>");

        assertThat(Main.defaultLoggingConfiguration(null, jarFolder)).contains(file.toAbsolutePath().toString());
    }

    @Test
    void theOperatorsOwnFileWins() throws Exception {
        Files.writeString(Files.createDirectories(jarFolder.resolve("conf")).resolve("logback.xml"), "<configuration/>");

        assertThat(Main.defaultLoggingConfiguration("/etc/shimhost/logback.xml", jarFolder)).isEmpty();
    }

    @Test
    void withoutAFileBesideTheJarLogbackIsLeftToItself() {
        assertThat(Main.defaultLoggingConfiguration(null, jarFolder)).isEmpty();
    }
}
