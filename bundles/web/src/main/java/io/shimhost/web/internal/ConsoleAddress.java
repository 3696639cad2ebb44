package io.shimhost.web.internal;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;

/**
 * The web console's loopback address, and the names a browser may call it by: the {@code Host} and
 * {@code Origin} a request must carry, so that a page of another site cannot reach the console by a name
 * of its own that resolves to 127.0.0.1 (DNS rebinding).
 *
 * @param host the loopback address bound
 * @param port the port bound
 */
record ConsoleAddress(InetAddress host, int port) {

    /**
     * @param address {@code HOST:PORT}, HOST being 127.0.0.1 (or another 127.x.y.z), [::1] or localhost
     * @return the address
     * @throws IllegalArgumentException naming the value, when it is not a loopback address and a port
     */
    static ConsoleAddress parse(String address) {
        String text = address == null ? "" : address.strip();
        int colon = text.lastIndexOf(':');
        if (colon <= 0) {
            throw invalid(address, "give HOST:PORT, such as 127.0.0.1:8181");
        }
        String host = text.substring(0, colon);
        int port;
        try {
            port = Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw invalid(address, "the port must be a number from 1 to 65535");
        }
        if (port < 1 || port > 65535) {
            throw invalid(address, "the port must be a number from 1 to 65535");
        }
        InetAddress bound = literal(host, address);
        if (!bound.isLoopbackAddress()) {
            throw invalid(address, "the web console listens on a loopback address only (127.0.0.1, [::1], localhost)");
        }
        return new ConsoleAddress(bound, port);
    }

    /** Literal addresses only: a name other than localhost would be a DNS lookup, whose answer may change. */
    private static InetAddress literal(String host, String address) {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (bare.equalsIgnoreCase("localhost")) {
            return InetAddress.getLoopbackAddress();
        }
        if (!bare.matches("[0-9.]+") && !(host.startsWith("[") && bare.matches("[0-9a-fA-F:.]+"))) {
            throw invalid(address, "the host must be 127.0.0.1, [::1] or localhost");
        }
        try {
            return InetAddress.getByName(bare);
        } catch (UnknownHostException e) {
            throw invalid(address, "the host must be 127.0.0.1, [::1] or localhost");
        }
    }

    private static IllegalArgumentException invalid(String address, String why) {
        return new IllegalArgumentException("Invalid address \"" + address + "\" in " + WebConfig.PID + ": " + why);
    }

    /** @return the values of {@code Host} a browser sends for this address, lower case */
    List<String> hosts() {
        String shown = host instanceof Inet6Address ? "[::1]" : host.getHostAddress();
        return List.of(shown + ":" + port, "localhost:" + port);
    }

    /**
     * @param header a request's {@code Host}
     * @return whether it names this address
     */
    boolean isHost(String header) {
        return header != null && hosts().contains(header.strip().toLowerCase(Locale.ROOT));
    }

    /**
     * @param header a request's {@code Origin}
     * @return whether it is this console's own origin
     */
    boolean isOrigin(String header) {
        return header != null && header.startsWith("http://") && isHost(header.substring("http://".length()));
    }

    @Override
    public String toString() {
        return hosts().get(0);
    }
}
