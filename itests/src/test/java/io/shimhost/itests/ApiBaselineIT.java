package io.shimhost.itests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The API is baselined against its last release (bundles/api/baseline): a copy of the API module
 * with a method taken out of {@code Shim} fails its build, naming the package and the version the
 * change calls for.
 */
class ApiBaselineIT {

    @TempDir
    Path dir;

    @Test
    void removingAMethodFromShimFailsTheBuildInBaselining() throws Exception {
        Path checkout = Path.of("..").toAbsolutePath().normalize();
        Files.copy(checkout.resolve("pom.xml"), dir.resolve("pom.xml"));
        copyTree(checkout.resolve("bundles/api/src"), dir.resolve("bundles/api/src"));
        copyTree(checkout.resolve("bundles/api/baseline"), dir.resolve("bundles/api/baseline"));
        Files.copy(checkout.resolve("bundles/api/pom.xml"), dir.resolve("bundles/api/pom.xml"));
        Path shim = dir.resolve("bundles/api/src/main/java/io/shimhost/api/Shim.java");
        String source = Files.readString(shim);
        int plan = source.indexOf("    /**\n     * Tells what {@link #start} would launch");
        assertThat(plan).as("Shim.plan's Javadoc, to cut the method from").isPositive();
        Files.writeString(shim, source.substring(0, plan) + "}\n");

        Process build = new ProcessBuilder("mvn", "-B", "-q", "-f", dir.resolve("bundles/api/pom.xml").toString(),
                "verify", "-DskipTests").redirectErrorStream(true).start();
        String output = new String(build.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(build.waitFor(300, TimeUnit.SECONDS)).isTrue();
        assertThat(build.exitValue()).as(output).isNotZero();
        // the package's version now against the released 1.0.0: a removal calls for 2.0.0
        String version = java.util.regex.Pattern.compile("@Version\\(\"([0-9.]+)\"\\)").matcher(Files.readString(
                checkout.resolve("bundles/api/src/main/java/io/shimhost/api/package-info.java"))).results().findFirst()
                .orElseThrow().group(1);
        assertThat(output).contains("Baseline problems detected")
                .containsPattern("io\\.shimhost\\.api\\s+PACKAGE\\s+MAJOR\\s+" + version.replace(".", "\\.")
                        + "\\s+1\\.0\\.0\\s+2\\.0\\.0");
    }

    private static void copyTree(Path from, Path to) throws IOException {
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(from)) {
            paths = walk.toList();
        }
        for (Path p : paths) {
            Path target = to.resolve(from.relativize(p).toString());
            if (Files.isDirectory(p)) {
                Files.createDirectories(target);
            } else {
                Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }
}
