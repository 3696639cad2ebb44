package io.shimhost.http.internal;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;

import org.eclipse.jetty.server.ConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * Jetty's {@link ServerConnector}, accepting on a Unix-domain socket instead of a TCP port.
 * It is a {@code ServerConnector} because Felix HTTP (1.1.8) describes every connector of its
 * server as one when it registers the servlet context, and fails on any other kind (such as
 * jetty-unixdomain-server's connector). What a {@code ServerConnector} does with a TCP socket
 * (its port, TCP_NODELAY on each accepted socket) is left out: on a Unix-domain channel those
 * calls throw, and a throwing accept step stalls Jetty's acceptor.
 */
final class UnixSocketConnector extends ServerConnector {

    private final Path path;
    private volatile ServerSocketChannel channel;

    /**
     * @param path the socket file to bind; it must not exist
     */
    UnixSocketConnector(Server server, Path path, ConnectionFactory... factories) {
        super(server, 1, 1, factories);
        this.path = path;
        // what Felix reports as the endpoint (osgi.http.endpoint: http://localhost/), as curl --unix-socket is used
        setHost("localhost");
        setPort(80);
    }

    @Override
    public void open() throws IOException {
        if (channel != null) {
            return;
        }
        ServerSocketChannel bound = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            bound.bind(UnixDomainSocketAddress.of(path), getAcceptQueueSize());
        } catch (IOException e) {
            bound.close();
            throw new IOException("Cannot listen on " + path + ": " + e.getMessage(), e);
        }
        channel = bound;
    }

    @Override
    public boolean isOpen() {
        ServerSocketChannel current = channel;
        return current != null && current.isOpen();
    }

    @Override
    public void accept(int acceptorID) throws IOException {
        ServerSocketChannel current = channel;
        if (current != null && current.isOpen()) {
            SocketChannel client = current.accept();
            client.configureBlocking(false);
            getSelectorManager().accept(client);
        }
    }

    @Override
    public void close() {
        super.close();
        ServerSocketChannel current = channel;
        channel = null;
        if (current != null) {
            try {
                current.close();
                Files.deleteIfExists(path);
            } catch (IOException e) {
                // the daemon is stopping; a socket file left behind is replaced at the next start
            }
        }
    }

    @Override
    public Object getTransport() {
        return channel;
    }

    @Override
    public int getLocalPort() {
        return -1;
    }
}
