package io.shimhost.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.shimhost.api.ShimException;

import jnr.ffi.LibraryLoader;

/** systemd's notifications, received on a real datagram socket as systemd would. */
class SystemdNotifierTest {

    private static final LibC LIBC = LibraryLoader.create(LibC.class).load("c");

    @TempDir
    Path dir;

    private static String sendAndReceive(String socket, String state) throws Exception {
        UnixDatagram datagrams = new UnixDatagram(LIBC);
        int fd = datagrams.bind(socket);
        assertThat(fd).as("bound").isPositive();
        try {
            new SystemdNotifier(LIBC, socket).notify(state);
            return datagrams.receive(fd);
        } finally {
            LIBC.close(fd);
        }
    }

    @Test
    void aNotificationArrivesAsOneDatagramOnTheSocketNamedInTheEnvironment() throws Exception {
        assertThat(sendAndReceive(dir.resolve("notify").toString(), "READY=1\nSTATUS=2 shims"))
                .isEqualTo("READY=1\nSTATUS=2 shims");
    }

    @Test
    void anAbstractSocketNameIsUnderstood() throws Exception {
        assertThat(sendAndReceive("@shimhost-test-" + ProcessHandle.current().pid(), "STOPPING=1")).isEqualTo("STOPPING=1");
    }

    @Test
    void withoutASocketNothingListensAndNothingIsSent() throws Exception {
        SystemdNotifier notifier = new SystemdNotifier(LIBC, null);

        assertThat(notifier.listening()).isFalse();
        notifier.notify("READY=1");
    }

    @Test
    void aSocketNobodyListensOnIsAnErrorNamingIt() {
        Path missing = dir.resolve("nobody");

        assertThatThrownBy(() -> new SystemdNotifier(LIBC, missing.toString()).notify("READY=1"))
                .isInstanceOf(ShimException.class).hasMessageStartingWith("Cannot notify the service manager on " + missing);
    }
}
