package io.shimhost.web.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Optional;

import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Request;

import io.shimhost.api.PeerAccess;

/**
 * Finds which local user opened each request's loopback connection ({@link PeerAccess#loopbackPeer}) and asks
 * {@link PeerAccess} about it, as the sockets do with SO_PEERCRED; the verdict goes into the request's attributes
 * for {@link ConsoleSecurity}. Nothing is thrown here: a connector step that throws stalls Jetty's acceptor.
 */
final class LoopbackPeerCheck implements HttpConfiguration.Customizer {

    /** The attribute holding the peer's user name, set when the peer may drive the node. */
    static final String ADMITTED = "io.shimhost.web.peer";
    /** The attribute holding why the peer is refused. */
    static final String REFUSED = "io.shimhost.web.refused";
    static final String DOOR = "the web console";

    private final PeerAccess access;

    LoopbackPeerCheck(PeerAccess access) {
        this.access = access;
    }

    @Override
    public Request customize(Request request, HttpFields.Mutable responseHeaders) {
        SocketAddress remote = request.getConnectionMetaData().getRemoteSocketAddress();
        SocketAddress local = request.getConnectionMetaData().getLocalSocketAddress();
        Optional<String> refused;
        String user = null;
        if (!(remote instanceof InetSocketAddress client) || !(local instanceof InetSocketAddress server)
                || !client.getAddress().isLoopbackAddress()) {
            refused = Optional.of("refused: the web console serves loopback connections only");
        } else {
            try {
                Optional<PeerAccess.LocalUser> peer = access.loopbackPeer(client, server);
                if (peer.isEmpty()) {
                    refused = Optional.of("refused: no local socket owns the connection from " + client);
                } else {
                    user = peer.get().name();
                    refused = access.refusal(user, peer.get().group(), DOOR);
                }
            } catch (IOException | RuntimeException e) {
                refused = Optional.of("refused: the connection's owner cannot be read (" + e.getMessage() + ")");
            }
        }
        request.setAttribute(refused.isPresent() ? REFUSED : ADMITTED, refused.orElse(user));
        return request;
    }
}
