package io.shimhost.console.internal;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Optional;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon's HTTP API (bundle {@value #BUNDLE}): opened by giving that bundle its socket's path
 * in a configuration of the daemon's own, which only a daemon writes (a script run and the
 * interactive launcher open no API, and pay nothing for it), and closed by deleting it.
 * The daemon reports ready once the API answers, or after {@value #READY_MILLIS} ms without it.
 */
final class ApiDoor implements AutoCloseable {

    static final String BUNDLE = "io.shimhost.http";
    private static final String PID = "io.shimhost.http";
    private static final long READY_MILLIS = 10_000;
    /** sun_path holds 108 bytes, the last one the terminating zero. */
    private static final int MAX_PATH_BYTES = 107;
    private static final Logger LOG = LoggerFactory.getLogger(ApiDoor.class);

    private final Configuration configuration;
    private final Path socket;

    private ApiDoor(Configuration configuration, Path socket) {
        this.configuration = configuration;
        this.socket = socket;
    }

    /** @return the open door; empty when the API's bundle is not deployed */
    static Optional<ApiDoor> open(BundleContext context, ConfigurationAdmin configurationAdmin, Path socket)
            throws IOException, InterruptedException {
        if (Arrays.stream(context.getBundles()).noneMatch(b -> BUNDLE.equals(b.getSymbolicName())
                && b.getState() == Bundle.ACTIVE)) {
            return Optional.empty();
        }
        if (socket.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_PATH_BYTES) {
            throw new IOException("Cannot listen on " + socket + ": a Unix-domain socket's path holds at most "
                    + MAX_PATH_BYTES + " bytes; give a shorter one: -Dshimhost.api.socket=PATH");
        }
        Configuration configuration = configurationAdmin.getConfiguration(PID, "?");
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put("socket", socket.toString());
        configuration.update(properties);
        ApiDoor door = new ApiDoor(configuration, socket);
        if (!door.awaitAnswer()) {
            LOG.atWarn().addKeyValue("api", socket).log("The HTTP API does not answer on " + socket + " after "
                    + READY_MILLIS / 1000 + " s; the control socket serves meanwhile");
        }
        return Optional.of(door);
    }

    Path socket() {
        return socket;
    }

    /** @return whether the API answered before the wait ran out */
    private boolean awaitAnswer() throws InterruptedException {
        long end = System.nanoTime() + READY_MILLIS * 1_000_000;
        while (System.nanoTime() < end) {
            try (SocketChannel probe = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                probe.connect(UnixDomainSocketAddress.of(socket));
                return true;
            } catch (IOException notYet) {
                Thread.sleep(20);
            }
        }
        return false;
    }

    @Override
    public void close() throws IOException {
        configuration.delete();
    }
}
