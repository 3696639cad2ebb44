package io.shimhost.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import io.shimhost.api.ExitStatus;
import io.shimhost.api.ProcessSpec;
import io.shimhost.api.StartFailedException;
import io.shimhost.api.Stdio;

/** A shim's output to a log file: appended, stdin on /dev/null, and never in a folder another user could write. */
class OutputFilesTest {

    private static final Duration PATIENCE = ProcessServiceExtension.PATIENCE;

    @RegisterExtension
    static final ProcessServiceExtension fixture = new ProcessServiceExtension();

    @TempDir
    Path dir;

    private static ExitStatus run(Path log, String script) throws Exception {
        return fixture.service().launch(ProcessSpec.builder(List.of("/bin/sh", "-c", script)).stdio(Stdio.log(log)).build())
                .waitFor(PATIENCE);
    }

    @Test
    void stdoutAndStderrAreAppendedToTheFileAndStdinIsDevNull() throws Exception {
        Path log = dir.resolve("s1.log");

        assertThat(run(log, "echo out; echo err >&2")).isEqualTo(ExitStatus.exited(0));
        assertThat(run(log, "readlink /proc/self/fd/0")).isEqualTo(ExitStatus.exited(0));

        assertThat(Files.readString(log)).isEqualTo("out\nerr\n/dev/null\n");
        assertThat(Files.getPosixFilePermissions(log)).isEqualTo(PosixFilePermissions.fromString("rw-r-----"));
    }

    @Test
    void aFolderOtherUsersCanWriteIsRefused() throws Exception {
        Path open = Files.createDirectory(dir.resolve("open"));
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxrwxrwx"));
        Path log = open.resolve("s1.log");
        String self = System.getProperty("user.name");
        String users = self.equals("root") ? "root" : "root and " + self;

        assertThatThrownBy(() -> run(log, "echo out")).isInstanceOf(StartFailedException.class)
                .hasMessage("Cannot write shim output to " + log + ": its folder " + open + " can be written by users "
                        + "other than " + users + ": use a folder only " + users + " can write (chmod go-w)");
        assertThat(log).doesNotExist();
    }

    @Test
    void aLinkInPlaceOfTheLogIsRefused() throws Exception {
        Path target = Files.writeString(dir.resolve("passwd"), "");
        Path log = Files.createSymbolicLink(dir.resolve("s1.log"), target);

        assertThatThrownBy(() -> run(log, "echo out")).isInstanceOf(StartFailedException.class)
                .hasMessage("Cannot write shim output to " + log + ": it exists and is not a regular file but a symbolic link");
        assertThat(target).isEmptyFile();
    }

    @Test
    void aFifoInPlaceOfTheLogIsRefusedRatherThanBlockingTheShim() throws Exception {
        Path log = dir.resolve("s1.log");
        assertThat(new ProcessBuilder("mkfifo", log.toString()).start().waitFor()).isZero();

        assertThatThrownBy(() -> run(log, "echo out")).isInstanceOf(StartFailedException.class)
                .hasMessage("Cannot write shim output to " + log + ": it exists and is not a regular file");
    }

    @Test
    void aMissingFolderIsNamed() {
        Path log = dir.resolve("none").resolve("s1.log");

        assertThatThrownBy(() -> run(log, "echo out")).isInstanceOf(StartFailedException.class)
                .hasMessage("Cannot write shim output to " + log + ": its folder " + dir.resolve("none") + " does not exist");
    }

    @Test
    void aRootFolderInsideAFolderOfAnotherUserIsRefused() throws Exception {
        Path theirs = Files.createDirectory(dir.resolve("nobodys"));
        Files.setOwner(theirs, theirs.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody"));
        Path logs = Files.createDirectory(theirs.resolve("logs")); // root's, 0755: safe in itself
        Path log = logs.resolve("s1.log");

        assertThatThrownBy(() -> run(log, "echo out")).isInstanceOf(StartFailedException.class)
                .hasMessage("Cannot write shim output to " + log + ": the folder above it, " + theirs + ", belongs to "
                        + "user nobody, who could put another folder in its place");
    }

    @Test
    void aLinkAboveTheFolderIsFollowedOnlyWhereItsTargetIsSafeToo() throws Exception {
        Path theirs = Files.createDirectory(dir.resolve("nobodys"));
        Files.setOwner(theirs, theirs.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody"));
        Path logs = Files.createDirectory(theirs.resolve("logs"));
        Path link = Files.createSymbolicLink(dir.resolve("link"), theirs);
        Path log = link.resolve("logs").resolve("s1.log");

        assertThatThrownBy(() -> run(log, "echo out")).isInstanceOf(StartFailedException.class)
                .hasMessageContaining("the folder above it, " + theirs + ", belongs to user nobody");
        assertThat(logs.resolve("s1.log")).doesNotExist();
    }

    @Test
    void aFileOnAKernelInterfaceIsRefused() {
        Path log = Path.of("/proc/sys/kernel/core_pattern");

        assertThatThrownBy(() -> run(log, "echo out")).isInstanceOf(StartFailedException.class)
                .hasMessage("Cannot write shim output to " + log + ": its folder /proc/sys/kernel is on proc, a kernel "
                        + "interface, not a file system");
    }
}
