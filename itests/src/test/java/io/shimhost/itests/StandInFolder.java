package io.shimhost.itests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.rules.ExternalResource;

import io.shimhost.api.InvalidParameterException;
import io.shimhost.api.SandboxConfig;
import io.shimhost.api.ShimType;

/**
 * For the in-framework tests (JUnit 4): a fresh folder with the kata-shim stand-in in it, removed
 * with all in it after the test, once the test's own {@code @After} has stopped its shims.
 */
final class StandInFolder extends ExternalResource {

    private Path dir;
    private Path standIn;

    @Override
    protected void before() throws IOException {
        dir = Files.createTempDirectory("standin");
        standIn = KataStandIn.install(dir);
    }

    @Override
    protected void after() {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the folder; a file {@code sleep} in it sets how long the stand-in stays up */
    Path dir() {
        return dir;
    }

    /** @return the sandbox whose kataShim runs the stand-in */
    SandboxConfig kataSandbox() throws InvalidParameterException {
        return SandboxConfig.of("sb", ShimType.KATA, Map.of("path", standIn.toString()));
    }
}
