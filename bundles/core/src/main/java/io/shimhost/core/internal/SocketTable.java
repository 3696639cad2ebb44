package io.shimhost.core.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.OptionalInt;

/**
 * The kernel's table of TCP sockets ({@code /proc/net/tcp} and {@code tcp6}): who owns the other end of
 * a loopback connection. Both ends of a loopback connection are sockets of this host, so the client's
 * socket is in the table, with its owner's uid: the TCP counterpart of SO_PEERCRED.
 */
final class SocketTable {

    private static final String ESTABLISHED = "01";

    private final List<Path> tables;

    SocketTable() {
        this(List.of(Path.of("/proc/net/tcp"), Path.of("/proc/net/tcp6")));
    }

    SocketTable(List<Path> tables) {
        this.tables = tables;
    }

    /**
     * @param client the connection's client end, as the server sees it
     * @param server the connection's server end
     * @return the uid owning the client's socket; empty when no established socket has these ends
     * @throws IOException when the tables cannot be read
     */
    OptionalInt clientUid(InetSocketAddress client, InetSocketAddress server) throws IOException {
        for (Path table : tables) {
            if (!Files.exists(table)) {
                continue;
            }
            for (String line : Files.readAllLines(table)) {
                String[] fields = line.strip().split("\\s+");
                if (fields.length > 7 && fields[3].equals(ESTABLISHED) && is(fields[1], client) && is(fields[2], server)) {
                    return OptionalInt.of(Integer.parseInt(fields[7]));
                }
            }
        }
        return OptionalInt.empty();
    }

    /** {@code HEX:PORT}, the address as the kernel's 32-bit words in the host's (little-endian) order. */
    private static boolean is(String field, InetSocketAddress end) {
        int colon = field.indexOf(':');
        if (colon < 0 || Integer.parseInt(field.substring(colon + 1), 16) != end.getPort()) {
            return false;
        }
        byte[] words = HexFormat.of().parseHex(field.substring(0, colon));
        byte[] address = new byte[words.length];
        for (int i = 0; i < words.length; i++) {
            address[i] = words[i - i % 4 + 3 - i % 4];
        }
        try {
            // a v4-mapped v6 address comes back as the v4 one, as Java names a v4 peer of a dual socket
            return InetAddress.getByAddress(address).equals(end.getAddress());
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
