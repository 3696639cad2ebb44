package io.shimhost.web.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;

import org.apache.felix.http.jetty.ConnectorFactory;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

import io.shimhost.api.PeerAccess;

/**
 * The web console's door: a TCP connector on the loopback address {@code conf/io.shimhost.web.cfg} names,
 * added to Felix HTTP's Jetty (which runs in the daemon only). While it is there the Felix Web Console
 * runs ({@link WebConsoleStart}). Every request's peer is identified by
 * {@link LoopbackPeerCheck}. The HTTP API does not answer here: it admits its own socket's peers only.
 */
@Component(service = ConnectorFactory.class, configurationPid = WebConfig.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = WebConfig.class)
public final class ConsoleConnector implements ConnectorFactory {

    /**
     * The connector's name; the HTTP API's socket keeps connectors of this name when it closes the TCP connector
     * Felix HTTP opens of its own.
     */
    static final String NAME = "shimhost-web";

    private final ConsoleAddress address;
    private final PeerAccess access;
    /** Bound at activation, so that a busy port is one line there; Jetty's first start takes it. */
    private ServerSocketChannel bound;

    private final BundleContext context;

    @Activate
    public ConsoleConnector(WebConfig config, @Reference(name = "access") PeerAccess access, BundleContext context)
            throws IOException {
        this.address = ConsoleAddress.parse(config.address());
        this.access = access;
        this.bound = bind(address);
        this.context = context;
        WebConsoleStart.release(context);
    }

    private static ServerSocketChannel bind(ConsoleAddress address) throws IOException {
        ServerSocketChannel channel = ServerSocketChannel.open();
        try {
            channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            channel.bind(new InetSocketAddress(address.host(), address.port()));
            return channel;
        } catch (IOException e) {
            channel.close();
            throw new IOException("Cannot open the web console at " + address + ": " + e.getMessage()
                    + " (another process has the port?); give another port in " + WebConfig.PID + ".cfg", e);
        }
    }

    @Deactivate
    synchronized void deactivate() throws IOException {
        WebConsoleStart.hold(context);
        if (bound != null) {
            bound.close();
        }
    }

    @Override
    public synchronized Connector createConnector(Server server) {
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        http.addCustomizer(new LoopbackPeerCheck(access));
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setName(NAME);
        connector.setHost(address.host().getHostAddress());
        connector.setPort(address.port());
        if (bound != null) {
            try {
                connector.open(bound);
            } catch (IOException e) {
                // Jetty opens its own channel when it starts the connector
            }
            bound = null;
        }
        return connector;
    }
}
