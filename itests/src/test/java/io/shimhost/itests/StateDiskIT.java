package io.shimhost.itests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A state folder that cannot be written (a full disk, a read-only file system) leaves the node up:
 * a daemon killed and started again on it adopts every live shim, supervises and stops them, and
 * refuses only starts, which it cannot record, saying why. The folder is a small tmpfs of its own.
 */
class StateDiskIT {

    @TempDir
    Path dir;

    private NodeDaemon node;
    private Path standIn;
    private Path state;
    private boolean frozen;

    @BeforeEach
    void disk() throws Exception {
        node = new NodeDaemon(dir);
        state = Files.createDirectories(node.state());
        standIn = KataStandIn.install(dir);
    }

    private void tmpfs() throws Exception {
        run("mount", "-t", "tmpfs", "-o", "size=512k,mode=0700", "tmpfs", state.toString());
    }

    /** ext4 on a loop device: a file system that can be frozen, as for a snapshot. */
    private void ext4() throws Exception {
        Path image = dir.resolve("state.img");
        run("truncate", "-s", "16M", image.toString());
        run("mkfs.ext4", "-q", image.toString());
        run("mount", "-o", "loop", image.toString(), state.toString());
        run("chmod", "700", state.toString());
    }

    @AfterEach
    void unmount() throws Exception {
        try {
            if (frozen) {
                run("fsfreeze", "-u", state.toString());
            }
            if (node.process() != null && node.process().isAlive()) {
                for (String id : List.of("a", "b")) {
                    node.client("shim:stop", id).status();
                }
            }
        } finally {
            node.close();
            run("umount", "-l", state.toString());
        }
    }

    private void startTwoShims() throws Exception {
        // a read-only state folder cannot hold the socket either: the node's socket lives elsewhere
        node.start(List.of("-Dshimhost.socket=" + dir.resolve("shimhost.sock")));
        for (String id : List.of("a", "b")) {
            node.ctl(KataStandIn.start(standIn, "-d -c c-" + id + " -t " + id + " --env KATA_STANDIN_SLEEP=300")
                    .split(" "));
        }
        node.crash();
    }

    private void restartedDaemonAdoptsBothAndRefusesAStartFor(String reason) throws Exception {
        node.start(List.of("-Dshimhost.socket=" + dir.resolve("shimhost.sock")));

        String ps = node.ctl("shim:ps");
        assertThat(ps.lines().filter(l -> l.contains(" running ") && l.contains("adopted"))).hasSize(2);
        // a start is refused once its record no longer fits (the last block of a full disk may take a few)
        CtlClient.Ctl refused = null;
        for (int i = 0; i < 200 && (refused == null || refused.status() == 0); i++) {
            refused = node.client("shim:start", "-t", "n" + i, "noopShim");
        }
        assertThat(refused.status()).isEqualTo(1);
        // refused before the launch, or (when the intent fitted but the pid did not) stopped at once
        assertThat(refused.stderr()).containsAnyOf("nothing was started", "it was stopped").contains(reason);
        node.ctl("shim:stop", "a");
        node.ctl("shim:wait", "a"); // an adopted shim is no child of this daemon's: its status is not known
        assertThat(node.ctl("shim:running", "a").strip()).isEqualTo("false");
        assertThat(node.ctl("shim:running", "b").strip()).isEqualTo("true");
    }

    @Test
    void onAFullDiskARestartAdoptsEveryLiveShimAndRefusesOnlyStarts() throws Exception {
        tmpfs();
        startTwoShims();
        run("sh", "-c", "dd if=/dev/zero of=" + state.resolve("filler") + " bs=4k 2>/dev/null; true");

        restartedDaemonAdoptsBothAndRefusesAStartFor("No space left on device");
    }

    @Test
    void onAReadOnlyFolderARestartAdoptsEveryLiveShimAndRefusesOnlyStarts() throws Exception {
        tmpfs();
        startTwoShims();
        run("mount", "-o", "remount,ro", state.toString());

        restartedDaemonAdoptsBothAndRefusesAStartFor("read-only file system");
        assertThat(Files.readString(dir.resolve("daemon.err"))).contains("The state folder cannot be written ("
                + state + " is on a read-only file system)");
    }

    @Test
    void onAFrozenDiskAStartIsRefusedWithinItsPatienceAndTheNodeAnswers() throws Exception {
        ext4();
        node.start();
        node.ctl(KataStandIn.start(standIn, "-d -c c-a -t a --env KATA_STANDIN_SLEEP=300").split(" "));
        run("fsfreeze", "-f", state.toString());
        frozen = true;

        long started = System.nanoTime();
        CtlClient.Ctl refused = node.client("shim:start", "-t", "n1", "noopShim");
        assertThat(refused.status()).isEqualTo(1);
        assertThat((System.nanoTime() - started) / 1e9).isLessThan(30);
        assertThat(refused.stderr()).contains("took no write for 10 s").contains("nothing was started");
        assertThat(node.ctl("shim:ps", "-q")).contains("a");
        CtlClient.Ctl audit = node.client("shim:audit");
        assertThat(audit.status()).isEqualTo(1);
        assertThat(audit.stdout() + audit.stderr()).contains("took no write");

        run("fsfreeze", "-u", state.toString());
        frozen = false;
        assertThat(node.ctl("shim:start", "-t", "n2", "noopShim")).contains("id=n2");
    }

    private static void run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor()).as(String.join(" ", command) + ": " + output).isZero();
    }
}
