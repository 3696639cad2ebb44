package io.shimhost.itests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The daemon's control socket is bounded: a line longer than the limit is refused at once and read
 * no further, idle connections cost no threads, the connection past the bound is told so, a second
 * daemon cannot take a live daemon's socket, and errors never echo what they were given whole.
 */
class ControlDoorIT {

    @TempDir
    Path dir;

    private NodeDaemon node;

    @BeforeEach
    void daemon() throws Exception {
        node = new NodeDaemon(dir).start();
    }

    @AfterEach
    void stop() throws InterruptedException {
        node.close();
    }

    private long status(String field) throws IOException {
        return Files.readAllLines(Path.of("/proc", Long.toString(node.process().pid()), "status")).stream()
                .filter(l -> l.startsWith(field + ":")).map(l -> l.replaceAll("[^0-9]", "")).mapToLong(Long::parseLong)
                .findFirst().orElseThrow();
    }

    private SocketChannel connect() throws IOException {
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        channel.connect(UnixDomainSocketAddress.of(node.socket()));
        return channel;
    }

    private static String answer(SocketChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(4096);
        StringBuilder text = new StringBuilder();
        while (!text.toString().contains("= ") && channel.read(buffer.clear()) > 0) {
            text.append(new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8));
        }
        return text.toString();
    }

    @Test
    void aHundredMegabyteLineIsRefusedAtOnceAndReadNoFurther() throws Exception {
        long rssBefore = status("VmRSS");
        long started = System.nanoTime();
        String answer;
        long sent = 0;
        try (SocketChannel channel = connect()) {
            ByteBuffer megabyte = ByteBuffer.wrap(new byte[1 << 20]);
            try {
                for (int i = 0; i < 100; i++) {
                    megabyte.clear();
                    Arrays.fill(megabyte.array(), (byte) 'x');
                    while (megabyte.hasRemaining()) {
                        sent += channel.write(megabyte);
                    }
                }
            } catch (IOException refusedMidWay) {
                // the daemon closed the connection: what follows is never read
            }
            answer = answer(channel);
        }
        double seconds = (System.nanoTime() - started) / 1e9;

        assertThat(answer).contains("line longer than 65536 bytes refused").endsWith("= 1\n");
        assertThat(sent).isLessThan(100L << 20);
        assertThat(seconds).isLessThan(2.0);
        assertThat(status("VmRSS") - rssBefore).as("kB more resident").isLessThan(100 * 1024);
        assertThat(node.ctl("shim:types")).contains("noopShim");
    }

    @Test
    void twoThousandIdleConnectionsCostNoThreadsAndCtlStillAnswers() throws Exception {
        List<SocketChannel> idle = new ArrayList<>();
        try {
            for (int i = 0; i < 2000; i++) {
                idle.add(connect());
            }
            assertThat(node.ctl("shim:ps", "-q")).isEmpty();
            assertThat(status("Threads")).isLessThan(150);
        } finally {
            for (SocketChannel channel : idle) {
                channel.close();
            }
        }
    }

    @Test
    void theConnectionPastTheBoundIsToldSo() throws Exception {
        node.close();
        node = new NodeDaemon(dir).start(List.of("-Dshimhost.control.connections=3"));
        List<SocketChannel> open = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                open.add(connect());
            }
            CtlClient.Ctl refused = node.client("shim:ps");
            assertThat(refused.status()).isEqualTo(1);
            assertThat(refused.stderr()).contains("3 connections are open (shimhost.control.connections)");
        } finally {
            for (SocketChannel channel : open) {
                channel.close();
            }
        }
        assertThat(node.ctl("shim:types")).contains("noopShim");
    }

    @Test
    void aSecondDaemonGivenTheSameSocketIsRefusedAndTheFirstKeepsIt() throws Exception {
        Path other = Files.createDirectories(dir.resolve("other"));
        Process second = new ProcessBuilder(Launcher.javaCommand("-Dshimhost.home=" + node.home(),
                "-Dshimhost.state=" + other.resolve("state"), "-Dshimhost.socket=" + node.socket(), "-jar",
                Launcher.jar().toAbsolutePath().toString(), "--daemon")).redirectInput(ProcessBuilder.Redirect.from(
                        new java.io.File("/dev/null"))).redirectErrorStream(true).start();
        String output = new String(second.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(second.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(second.exitValue()).as(output).isEqualTo(1);
        assertThat(output).isEqualTo("shimhost: a shimhost daemon answers on " + node.socket() + " already\n");
        assertThat(node.socket()).exists();
        assertThat(node.ctl("shim:types")).contains("noopShim");
    }

    @Test
    void anUnknownCommandIsEchoedBoundedWithItsControlCharactersShown() throws Exception {
        String answer;
        try (SocketChannel channel = connect()) {
            channel.write(ByteBuffer.wrap(("bogus\u0001" + "y".repeat(5000) + "\n").getBytes(StandardCharsets.UTF_8)));
            answer = answer(channel);
        }

        assertThat(answer).contains("\\x01").contains("more characters").doesNotContain("\u0001").endsWith("= 1\n");
        assertThat(answer.length()).isLessThan(1000);
    }

    @Test
    void aSupplementaryMemberOfTheSocketGroupConnectsToASocketMadeForTheGroup() throws Exception {
        String group = "shimhost-itest";
        run("groupadd", "-f", group);
        run("gpasswd", "-a", "nobody", group);
        try (OpenFolder open = OpenFolder.create("shimhost-group")) {
            Path socket = open.folder().resolve("shimhost.sock");
            node.close();
            node = new NodeDaemon(dir).start(List.of("-Dshimhost.socket=" + socket, "-Dshimhost.socket.group=" + group));

            assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(socket)))
                    .isEqualTo("rw-rw----");
            assertThat(Files.readAttributes(socket, java.nio.file.attribute.PosixFileAttributes.class).group().getName())
                    .isEqualTo(group);
            Process nobody = new ProcessBuilder("runuser", "-u", "nobody", "--", CtlClient.java(), "-jar",
                    open.jar().toString(), "ctl", "-s", socket.toString(), "shim:types").redirectErrorStream(true).start();
            String output = new String(nobody.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(nobody.waitFor()).as(output).isZero();
            assertThat(output).contains("noopShim");
        } finally {
            node.close();
            run("groupdel", group);
        }
    }

    /** The daemon in a pids cgroup of its own (cgroup v1's pids controller), limited to {@code max} tasks. */
    private Path taskLimit(long max) throws Exception {
        Path cgroup = Files.createDirectory(Path.of("/sys/fs/cgroup/pids", "shimhost-itest-" + node.process().pid()));
        Files.writeString(cgroup.resolve("pids.max"), Long.toString(max));
        Files.writeString(cgroup.resolve("cgroup.procs"), Long.toString(node.process().pid()));
        return cgroup;
    }

    private void noTaskLimit(Path cgroup) throws Exception {
        Files.writeString(Path.of("/sys/fs/cgroup/pids/cgroup.procs"), Long.toString(node.process().pid()));
        Files.delete(cgroup);
    }

    @Test
    void underATaskLimitTwoThousandStreamingClientsAreBoundedAndTheSocketAnswersOnceTheyGo() throws Exception {
        Path cgroup = taskLimit(status("Threads") + 400);
        List<SocketChannel> followers = new ArrayList<>();
        try {
            for (int i = 0; i < 2000; i++) {
                SocketChannel channel = connect();
                channel.write(ByteBuffer.wrap("shim:events\n".getBytes(StandardCharsets.UTF_8)));
                followers.add(channel);
            }
            Thread.sleep(2000);
            assertThat(status("Threads")).isLessThan(Long.parseLong(Files.readString(cgroup.resolve("pids.max")).strip()));
        } finally {
            for (SocketChannel channel : followers) {
                channel.close();
            }
        }
        try {
            // the streams end as their clients are found gone (within a probe or two)
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            CtlClient.Ctl types = node.client("shim:types");
            while (types.status() != 0 && System.nanoTime() < deadline) {
                Thread.sleep(200);
                types = node.client("shim:types");
            }
            assertThat(types.stdout()).as(types.stderr()).contains("noopShim");
        } finally {
            noTaskLimit(cgroup);
        }
    }

    @Test
    void aWorkerThatCannotBeMadeFailsThatClientAloneAndTheSocketGoesOn() throws Exception {
        Thread.sleep(6000); // the workers of the daemon's start-up check have timed out
        Path cgroup = taskLimit(status("Threads"));
        try {
            CtlClient.Ctl starved = node.client("shim:types");
            assertThat(starved.status()).isEqualTo(1);
            assertThat(starved.stderr()).containsAnyOf("could not serve this connection", "busy");
        } finally {
            noTaskLimit(cgroup);
        }
        assertThat(node.ctl("shim:types")).contains("noopShim");
    }

    private static void run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(String.join(" ", command) + ": " + output).isZero();
    }
}
