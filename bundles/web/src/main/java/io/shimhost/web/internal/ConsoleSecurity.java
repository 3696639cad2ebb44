package io.shimhost.web.internal;

import java.io.IOException;
import java.util.Optional;

import org.apache.felix.webconsole.spi.SecurityProvider;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Who gets into the Felix Web Console in the executable jar: the local users the sockets admit (root,
 * the node's user, the configured group), by the uid that owns the connection, and only by the console's
 * own {@code Host} and {@code Origin}. No password: the launcher names this provider as the one the
 * console requires ({@code felix.webconsole.security.providers=shimhost}), so the console's admin/admin
 * default never answers, and the console is away while this provider is.
 */
@Component(service = SecurityProvider.class, configurationPid = WebConfig.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE, property = SecurityProvider.PROPERTY_ID + "=" + ConsoleSecurity.ID)
public final class ConsoleSecurity implements SecurityProvider {

    /** The provider's id, as {@code felix.webconsole.security.providers} names it. */
    static final String ID = "shimhost";

    /** Null when the address is invalid: then nothing is admitted ({@link ConsoleConnector} logs why). */
    private final ConsoleAddress address;

    @Activate
    public ConsoleSecurity(WebConfig config) {
        ConsoleAddress parsed;
        try {
            parsed = ConsoleAddress.parse(config.address());
        } catch (IllegalArgumentException e) {
            parsed = null;
        }
        this.address = parsed;
    }

    @Override
    public Object authenticate(HttpServletRequest request, HttpServletResponse response) {
        Optional<String> refused = refusal(request);
        if (refused.isPresent()) {
            try {
                response.sendError(HttpServletResponse.SC_FORBIDDEN, refused.get());
            } catch (IOException e) {
                // the client went away
            }
            return null;
        }
        return request.getAttribute(LoopbackPeerCheck.ADMITTED);
    }

    /** Why the request may not enter; empty when it may. */
    Optional<String> refusal(HttpServletRequest request) {
        if (address == null) {
            return Optional.of("refused: the web console's address in " + WebConfig.PID + " is invalid (the log says why)");
        }
        if (request.getAttribute(LoopbackPeerCheck.ADMITTED) == null) {
            Object why = request.getAttribute(LoopbackPeerCheck.REFUSED);
            return Optional.of(why != null ? why.toString() : "refused: the web console is served at http://" + address
                    + " only");
        }
        if (!address.isHost(request.getHeader("Host"))) {
            return Optional.of("refused: Host \"" + request.getHeader("Host") + "\" is not this console's (" + address
                    + "); open http://" + address + "/system/console/shims");
        }
        String origin = request.getHeader("Origin");
        boolean reads = request.getMethod().equals("GET") || request.getMethod().equals("HEAD");
        if (origin != null ? !address.isOrigin(origin) : !reads) {
            return Optional.of("refused: a " + request.getMethod() + " from Origin \"" + origin
                    + "\"; only the console's own pages (http://" + address + ") may send it");
        }
        return Optional.empty();
    }

    @Override
    public boolean authorize(Object user, String role) {
        return user != null;
    }

    @Override
    public void logout(HttpServletRequest request, HttpServletResponse response) {
        // nothing to forget: every request is identified by its connection
    }
}
