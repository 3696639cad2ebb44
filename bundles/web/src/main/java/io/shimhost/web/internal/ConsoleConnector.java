package io.shimhost.web.internal;

import org.apache.felix.http.jetty.ConnectorFactory;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

import io.shimhost.api.PeerAccess;

/**
 * The web console's door: a TCP connector on the loopback address {@code conf/io.shimhost.web.cfg} names,
 * added to Felix HTTP's Jetty (which runs in the daemon only). Every request's peer is identified by
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

    @Activate
    public ConsoleConnector(WebConfig config, @Reference(name = "access") PeerAccess access) {
        this.address = ConsoleAddress.parse(config.address());
        this.access = access;
    }

    @Override
    public Connector createConnector(Server server) {
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        http.addCustomizer(new LoopbackPeerCheck(access, new SocketTable(), new Accounts()));
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setName(NAME);
        connector.setHost(address.host().getHostAddress());
        connector.setPort(address.port());
        return connector;
    }
}
