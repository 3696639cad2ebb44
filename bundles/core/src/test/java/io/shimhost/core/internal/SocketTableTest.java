package io.shimhost.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SocketTableTest {


    @TempDir
    Path dir;

    @Test
    void theKernelsTableNamesTheOwnerOfARealLoopbackConnection() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                Socket client = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
                Socket accepted = server.accept()) {
            OptionalInt uid = new SocketTable().clientUid((InetSocketAddress) accepted.getRemoteSocketAddress(),
                    (InetSocketAddress) accepted.getLocalSocketAddress());

            assertThat(uid).isPresent();
            assertThat(uid.getAsInt()).isEqualTo(Integer.parseInt(Files.getAttribute(Path.of("/proc/self"), "unix:uid")
                    .toString()));
        }
    }

    @Test
    void onlyAnEstablishedSocketWithBothEndsCounts() throws Exception {
        Path tcp = Files.write(dir.resolve("tcp"), List.of(
                "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode",
                "   0: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1 1",
                "   1: 0100007F:D431 0100007F:1F90 06 00000000:00000000 00:00000000 00000000     0        0 0 1",
                "   2: 0100007F:D431 0100007F:1F90 01 00000000:00000000 00:00000000 00000000  1000        0 2 1"));
        SocketTable table = new SocketTable(List.of(tcp, dir.resolve("tcp6")));
        InetSocketAddress client = new InetSocketAddress("127.0.0.1", 0xD431);

        assertThat(table.clientUid(client, new InetSocketAddress("127.0.0.1", 0x1F90))).hasValue(1000);
        assertThat(table.clientUid(client, new InetSocketAddress("127.0.0.1", 0x1F91))).isEmpty();
        assertThat(table.clientUid(new InetSocketAddress("127.0.0.2", 0xD431), new InetSocketAddress("127.0.0.1", 0x1F90)))
                .isEmpty();
    }

    @Test
    void aV4MappedClientInTheV6TableIsFoundByItsV4Address() throws Exception {
        Path tcp6 = Files.write(dir.resolve("tcp6"), List.of(
                "  sl  local_address                         remote_address                        st tx_queue rx_queue tr "
                        + "tm->when retrnsmt   uid  timeout inode",
                "   0: 0000000000000000FFFF00000100007F:D431 0000000000000000FFFF00000100007F:1F90 01 00000000:00000000 "
                        + "00:00000000 00000000    65534        0 2 1"));

        OptionalInt uid = new SocketTable(List.of(tcp6)).clientUid(new InetSocketAddress("127.0.0.1", 0xD431),
                new InetSocketAddress("127.0.0.1", 0x1F90));

        assertThat(uid).hasValue(65534);
    }
}
