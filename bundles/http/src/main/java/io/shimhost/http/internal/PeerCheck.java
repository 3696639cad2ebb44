package io.shimhost.http.internal;

import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.util.Optional;

import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Request;

import io.shimhost.api.PeerAccess;
import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;

/**
 * Reads each request's peer by SO_PEERCRED and asks {@link PeerAccess}; the verdict goes into the
 * request's attributes for {@link PeerFilter}, which answers a refused peer. Nothing is thrown
 * here: a connector step that throws stalls Jetty's acceptor.
 */
final class PeerCheck implements HttpConfiguration.Customizer {

    /** The attribute holding the peer's user name, set when the peer may drive the node. */
    static final String ADMITTED = "io.shimhost.http.peer";
    /** The attribute holding why the peer is refused. */
    static final String REFUSED = "io.shimhost.http.refused";

    private final PeerAccess access;

    PeerCheck(PeerAccess access) {
        this.access = access;
    }

    @Override
    public Request customize(Request request, HttpFields.Mutable responseHeaders) {
        Object transport = request.getConnectionMetaData().getConnection().getEndPoint().getTransport();
        if (!(transport instanceof SocketChannel channel)) {
            request.setAttribute(REFUSED, "refused: only the API's Unix-domain socket is served");
            return request;
        }
        UnixDomainPrincipal peer;
        try {
            peer = channel.getOption(ExtendedSocketOptions.SO_PEERCRED);
        } catch (IOException | UnsupportedOperationException e) {
            request.setAttribute(REFUSED, "refused: the peer's credentials cannot be read");
            return request;
        }
        String user = peer.user().getName();
        Optional<String> refused = access.refusal(user, peer.group().getName(), "the HTTP API");
        request.setAttribute(refused.isPresent() ? REFUSED : ADMITTED, refused.orElse(user));
        return request;
    }
}
