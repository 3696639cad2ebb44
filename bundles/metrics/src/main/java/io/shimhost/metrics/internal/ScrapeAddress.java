package io.shimhost.metrics.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Where the metrics are served: one address and port, never every interface by default.
 *
 * @param host the address to bind
 * @param port the port, 0 for any free one
 */
record ScrapeAddress(InetAddress host, int port) {

    /**
     * @param address {@code HOST:PORT} or {@code [IPV6]:PORT}
     * @throws IllegalArgumentException naming the value, if it is not such an address
     */
    static ScrapeAddress parse(String address) {
        String value = address == null ? "" : address.trim();
        int colon = value.lastIndexOf(':');
        if (colon <= 0 || colon == value.length() - 1) {
            throw invalid(address, "it is not HOST:PORT");
        }
        String host = value.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        } else if (host.contains(":")) {
            throw invalid(address, "an IPv6 address goes in brackets, [ADDRESS]:PORT");
        }
        int port;
        try {
            port = Integer.parseInt(value.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw invalid(address, "the port is not a number");
        }
        if (port < 0 || port > 65535) {
            throw invalid(address, "the port is not between 0 and 65535");
        }
        try {
            return new ScrapeAddress(InetAddress.getByName(host), port);
        } catch (UnknownHostException e) {
            throw invalid(address, "host " + host + " is unknown");
        }
    }

    private static IllegalArgumentException invalid(String address, String why) {
        return new IllegalArgumentException("Metrics address '" + address + "' in " + MetricsConfig.PID
                + " cannot be served: " + why + " (for example address = 127.0.0.1:9464)");
    }

    @Override
    public String toString() {
        String h = host.getHostAddress();
        return (h.contains(":") ? "[" + h + "]" : h) + ":" + port;
    }
}
