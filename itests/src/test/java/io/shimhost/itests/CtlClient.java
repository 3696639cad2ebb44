package io.shimhost.itests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** {@code java -jar shimhost.jar ctl -s SOCKET ARGS}, its output in files of the test's folder. */
final class CtlClient {

    private CtlClient() {
    }

    /** Starts the client; it runs on its own until it ends or is destroyed. */
    static Ctl ctl(Path dir, Path socket, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(java(), "-jar", Launcher.jar().toAbsolutePath().toString(), "ctl",
                "-s", socket.toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(dir, "ctl", ".out");
        Path err = Files.createTempFile(dir, "ctl", ".err");
        Process process = new ProcessBuilder(command).redirectInput(new File("/dev/null"))
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        return new Ctl(process, out, err);
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** A client's process and its output. */
    record Ctl(Process process, Path out, Path err) {
        int status() throws Exception {
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("ctl ended").isTrue();
            return process.exitValue();
        }

        String stdout() throws Exception {
            return Files.readString(out);
        }

        String stderr() throws Exception {
            return Files.readString(err);
        }

        /** Runs it to its end and returns its output; fails on a failure, naming it. */
        String output() throws Exception {
            assertThat(status()).as(stderr()).isZero();
            return stdout();
        }
    }
}
