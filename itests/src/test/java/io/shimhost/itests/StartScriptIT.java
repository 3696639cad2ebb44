package io.shimhost.itests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code shimhost}, the start script beside the jar: it runs the jar with the class-data archive
 * that {@code shimhost --share-classes} writes, and never with one that could run stale or foreign
 * classes. Whether a class came from the archive is read from the JVM's own class-loading log.
 * The archive is bound to the jar's path, so each test works on a copy of the launcher folder with
 * an archive written there.
 */
class StartScriptIT {

    private static final long LIMIT_SECONDS = 90;
    /** A class of a bundle: from the archive, it was shared; from the framework, it was not. */
    private static final String BUNDLE_CLASS = "io.shimhost.registry.internal.Registry source: ";

    @TempDir
    static Path launcher;

    @BeforeAll
    static void launcherFolderWithArchive() throws Exception {
        Path built = Launcher.jar().toAbsolutePath().getParent();
        for (String file : List.of("shimhost", "shimhost.jar")) {
            Files.copy(built.resolve(file), launcher.resolve(file), StandardCopyOption.COPY_ATTRIBUTES);
        }
        try (Stream<Path> conf = Files.list(built.resolve("conf"))) {
            Files.createDirectories(launcher.resolve("conf"));
            for (Path file : conf.toList()) {
                Files.copy(file, launcher.resolve("conf").resolve(file.getFileName()));
            }
        }
        Run written = run(launcher, "--share-classes");
        assertThat(written.status).as(written.err).isZero();
        assertThat(written.out).contains("wrote " + archive()).contains("wrote " + launcher.resolve("shimhost-ctl.jsa"));
    }

    private static Path archive() {
        return launcher.resolve("shimhost.jsa");
    }

    @Test
    void theBuildWritesTheArchiveBesideTheJar() {
        Path built = Launcher.jar().toAbsolutePath().getParent();
        assertThat(built.resolve("shimhost")).isExecutable();
        assertThat(built.resolve("shimhost.jsa")).isRegularFile();
        assertThat(built.resolve("shimhost.jsa").toFile().lastModified())
                .isGreaterThanOrEqualTo(Launcher.jar().toFile().lastModified());
    }

    @Test
    void aScriptRunsWithBundleClassesFromTheArchive(@TempDir Path work) throws Exception {
        Run run = types(work);
        assertThat(run.classLog).contains(BUNDLE_CLASS + "shared objects file (top)");
    }

    @Test
    void anArchiveOlderThanTheJarIsNotUsed(@TempDir Path work) throws Exception {
        try (Restored restored = new Restored()) {
            Files.setLastModifiedTime(archive(), FileTime.from(Instant.now().minusSeconds(3600)));
            Run run = types(work);
            assertThat(run.classLog).doesNotContain("shared objects file (top)");
        }
    }

    @Test
    void aChangedJarRunsItsOwnClassesEvenBesideANewerArchive(@TempDir Path work) throws Exception {
        try (Restored restored = new Restored()) {
            addEntry(launcher.resolve("shimhost.jar"), "changed.txt");
            Files.setLastModifiedTime(archive(), FileTime.from(Instant.now().plusSeconds(60)));
            Run run = types(work);
            // the JVM refuses the archive (the jar's size and time differ), without a word on stdout
            assertThat(run.classLog).doesNotContain("shared objects file (top)")
                    .contains(BUNDLE_CLASS + "jar:jar/io.shimhost.registry");
            assertThat(run.out).startsWith("TYPE ");
        }
    }

    @Test
    void anArchiveOthersCanWriteIsNotUsed(@TempDir Path work) throws Exception {
        try (Restored restored = new Restored()) {
            Files.setPosixFilePermissions(archive(), PosixFilePermissions.fromString("rw-rw-r--"));
            assertThat(types(work).classLog).doesNotContain("shared objects file (top)");
        }
    }

    @Test
    void aSymlinkedArchiveIsNotUsed(@TempDir Path work) throws Exception {
        try (Restored restored = new Restored()) {
            Path elsewhere = work.resolve("elsewhere.jsa");
            Files.move(archive(), elsewhere);
            Files.createSymbolicLink(archive(), elsewhere);
            assertThat(types(work).classLog).doesNotContain("shared objects file (top)");
        }
    }

    @Test
    void withoutAnArchiveTheScriptStillRuns(@TempDir Path work) throws Exception {
        try (Restored restored = new Restored()) {
            Files.move(archive(), work.resolve("away.jsa"));
            Run run = types(work);
            assertThat(run.classLog).doesNotContain("shared objects file (top)");
        }
    }

    @Test
    void ctlAndVersionTakeTheJarsArguments(@TempDir Path work) throws Exception {
        Run version = run(work, "--version");
        assertThat(version.status).isZero();
        assertThat(version.out).startsWith("shimhost ");
        Run ctl = run(work, "ctl", "-s", work.resolve("none.sock").toString(), "shim:ps");
        assertThat(ctl.status).isEqualTo(1);
        assertThat(ctl.err).contains("no daemon listens on " + work.resolve("none.sock"));
    }

    @Test
    void ctlRunsWithTheClientsOwnArchiveNotTheFrameworks(@TempDir Path work) throws Exception {
        Run ctl = run(work, "ctl", "-s", work.resolve("none.sock").toString(), "shim:ps");

        assertThat(ctl.status).isEqualTo(1);
        assertThat(ctl.classLog).contains("io.shimhost.ctl.ControlConnection source: shared objects file (top)")
                .doesNotContain("org.apache.felix.framework");
    }

    @Test
    void theDaemonIsTheScriptsOwnProcessWithTheArchive(@TempDir Path work) throws Exception {
        Path socket = work.resolve("state").resolve("shimhost.sock");
        Process daemon = start(work, "--daemon");
        try {
            for (int i = 0; i < 300 && !Files.exists(socket); i++) {
                Thread.sleep(100);
            }
            assertThat(socket).as(read(work.resolve("err.txt"))).exists();
            // exec: systemd's main pid, the one that notifies and gets SIGTERM, is the JVM itself
            assertThat(Files.readSymbolicLink(Path.of("/proc", Long.toString(daemon.pid()), "exe")).getFileName())
                    .hasToString("java");
            Run types = run(work.resolve("client"), "ctl", "-s", socket.toString(), "shim:types");
            assertThat(types.status).as(types.err).isZero();
            assertThat(types.out).contains("noopShim");
            assertThat(read(work.resolve("classes.log"))).contains(BUNDLE_CLASS + "shared objects file (top)");
        } finally {
            daemon.destroy();
            assertThat(daemon.waitFor(LIMIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(daemon.exitValue()).isEqualTo(143);
    }

    @Test
    void calledThroughALinkElsewhereItRunsTheJarBesideItself(@TempDir Path work) throws Exception {
        Path link = Files.createSymbolicLink(work.resolve("shimhost"), launcher.resolve("shimhost"));
        Process version = new ProcessBuilder(link.toString(), "--version").redirectErrorStream(true).start();
        String out = new String(version.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(version.waitFor()).as(out).isZero();
        assertThat(out).startsWith("shimhost ");
    }

    /** {@code shim:types} through the script, with the JVM's class-loading log. */
    private static Run types(Path work) throws Exception {
        Path script = Files.writeString(work.resolve("types.gogo"), "shim:types\n");
        Run run = run(work, script.toString());
        assertThat(run.status).as(run.err).isZero();
        assertThat(run.out).startsWith("TYPE ").contains("noopShim");
        return run;
    }

    private static Run run(Path work, String... args) throws IOException, InterruptedException {
        Files.createDirectories(work);
        Process process = start(work, args);
        Path classLog = work.resolve("classes.log");
        if (!process.waitFor(LIMIT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError("shimhost " + String.join(" ", args) + " still running after " + LIMIT_SECONDS + " s");
        }
        return new Run(process.exitValue(), read(work.resolve("out.txt")), read(work.resolve("err.txt")),
                Files.exists(classLog) ? read(classLog) : "");
    }

    /** The script in {@code work}, its state folder {@code work/state}, its output and class log there. */
    private static Process start(Path work, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(launcher.resolve("shimhost").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile())
                .redirectOutput(work.resolve("out.txt").toFile()).redirectError(work.resolve("err.txt").toFile());
        builder.environment().put("SHIMHOST_JAVA_OPTS", "-Dshimhost.state=" + work.resolve("state")
                + " -Xlog:class+load=info:file=" + work.resolve("classes.log"));
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        return builder.start();
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }

    /** A jar with one more entry than the built one: another size and time, the same bundles. */
    private static void addEntry(Path jar, String name) throws IOException {
        Path changed = jar.resolveSibling("changed.jar");
        try (ZipFile original = new ZipFile(jar.toFile());
                JarOutputStream out = new JarOutputStream(Files.newOutputStream(changed))) {
            for (var entries = original.entries(); entries.hasMoreElements();) {
                var entry = entries.nextElement();
                out.putNextEntry(new JarEntry(entry.getName()));
                try (var in = original.getInputStream(entry)) {
                    in.transferTo(out);
                }
                out.closeEntry();
            }
            out.putNextEntry(new JarEntry(name));
            out.write("changed\n".getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        Files.move(changed, jar, StandardCopyOption.REPLACE_EXISTING);
    }

    private record Run(int status, String out, String err, String classLog) {
    }

    /** Puts back the jar and archive a test changed, for the next test. */
    private static final class Restored implements AutoCloseable {

        private final Path jar = launcher.resolve("shimhost.jar");
        private final byte[] jarBytes;
        private final FileTime jarTime;
        private final byte[] archiveBytes;

        /** Made before the test changes anything. */
        Restored() throws IOException {
            jarBytes = Files.readAllBytes(jar);
            jarTime = Files.getLastModifiedTime(jar);
            archiveBytes = Files.readAllBytes(archive());
        }

        @Override
        public void close() throws IOException {
            Files.write(jar, jarBytes);
            Files.setLastModifiedTime(jar, jarTime);
            Files.deleteIfExists(archive());
            Files.write(archive(), archiveBytes);
            Files.setPosixFilePermissions(archive(), PosixFilePermissions.fromString("rw-r--r--"));
            Files.setLastModifiedTime(archive(), FileTime.from(jarTime.toInstant().plusSeconds(1)));
        }
    }
}
