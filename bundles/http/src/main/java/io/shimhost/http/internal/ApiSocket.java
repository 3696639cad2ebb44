package io.shimhost.http.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Dictionary;
import java.util.Hashtable;

import org.apache.felix.http.jetty.ConnectorFactory;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.component.LifeCycle;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.shimhost.api.PeerAccess;

/**
 * The API's door: a Unix-domain connector for Felix HTTP's Jetty. Felix starts Jetty only together
 * with a TCP connector of its own; it is bound to 127.0.0.1 on a free port and removed again here,
 * when Felix asks for this connector and before any servlet is registered, so that the daemon holds
 * no TCP port but the web console's, where one is configured. The socket file gets the mode
 * {@link PeerAccess} gives; every request's peer is checked by {@link PeerCheck}.
 */
@Component(service = ConnectorFactory.class, immediate = true, configurationPid = ApiSocketConfig.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = ApiSocketConfig.class)
public final class ApiSocket implements ConnectorFactory {

    private static final Logger LOG = LoggerFactory.getLogger(ApiSocket.class);
    /** Felix HTTP's configuration PID, and the keys that turn its Jetty on with a loopback connector. */
    static final String FELIX_HTTP_PID = "org.apache.felix.http";
    /** The web console's loopback connector (bundle io.shimhost.web), which is kept: it was asked for. */
    static final String WEB_CONSOLE = "shimhost-web";

    private final Path socket;
    private final PeerAccess access;
    private final Configuration felixHttp;

    @Activate
    public ApiSocket(ApiSocketConfig config, @Reference(name = "access") PeerAccess access,
            @Reference(name = "configurationAdmin") ConfigurationAdmin configurationAdmin) throws IOException {
        this.socket = Path.of(config.socket());
        if (!socket.isAbsolute()) {
            throw new IllegalArgumentException("Invalid socket \"" + config.socket() + "\" in " + ApiSocketConfig.PID
                    + ": the API's socket must be an absolute path");
        }
        this.access = access;
        this.felixHttp = configurationAdmin.getConfiguration(FELIX_HTTP_PID, "?");
        felixHttp.update(felixJettyOn());
    }

    private static Dictionary<String, Object> felixJettyOn() {
        Dictionary<String, Object> on = new Hashtable<>();
        on.put("org.apache.felix.http.enable", true);
        on.put("org.apache.felix.https.enable", false);
        on.put("org.apache.felix.http.host", "127.0.0.1");
        on.put("org.osgi.service.http.port", "0");
        on.put("org.apache.felix.http.jetty.sendServerHeader", false);
        return on;
    }

    @Deactivate
    void deactivate() throws IOException {
        felixHttp.delete();
    }

    @Override
    public Connector createConnector(Server server) {
        for (Connector felixOwn : server.getConnectors()) {
            if (felixOwn instanceof NetworkConnector && !WEB_CONSOLE.equals(felixOwn.getName())) {
                closeTcp(server, felixOwn);
            }
        }
        removeStaleSocket();
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        http.addCustomizer(new PeerCheck(access));
        UnixSocketConnector connector = new UnixSocketConnector(server, socket, new HttpConnectionFactory(http));
        connector.addEventListener(new LifeCycle.Listener() {
            @Override
            public void lifeCycleStarted(LifeCycle event) {
                restrict();
            }
        });
        return connector;
    }

    private static void closeTcp(Server server, Connector connector) {
        server.removeConnector(connector);
        try {
            connector.stop();
        } catch (Exception e) {
            LOG.atWarn().addKeyValue("connector", connector).log("Cannot close Felix HTTP's TCP connector: " + e);
        }
    }

    /** The daemon holds the state folder: a socket file there is a dead daemon's. Anything else is left alone. */
    private void removeStaleSocket() {
        try {
            BasicFileAttributes file = Files.readAttributes(socket, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (file.isOther()) {
                Files.delete(socket);
            }
        } catch (NoSuchFileException e) {
            // nothing to remove
        } catch (IOException e) {
            LOG.atWarn().addKeyValue("socket", socket).log("Cannot remove the stale API socket " + socket + ": " + e);
        }
    }

    private void restrict() {
        try {
            access.restrict(socket);
        } catch (IOException e) {
            LOG.atWarn().addKeyValue("socket", socket).log("Cannot set the API socket's mode: " + e
                    + "; it stays as made, in the state folder only its owner can enter");
        }
    }
}
