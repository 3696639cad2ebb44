package io.shimhost.console.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;

/**
 * The daemon's only door: a Unix-domain stream socket, created 0600 in the state folder (0700, see
 * the registry's rules). Every connection's peer is checked by SO_PEERCRED (root, the daemon's own
 * user, or a configured group), then gets a Gogo session of its own ({@link ControlSession}): it
 * sends command lines and gets, for each, the command's output and its outcome, framed (see
 * {@link ControlFrames}). A client that goes away, even mid-command, costs the daemon nothing but
 * its session.
 */
final class ControlSocket implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ControlSocket.class);

    private final Path path;
    private final CommandProcessor processor;
    private final String group;
    private final ServerSocketChannel server;
    private final Set<SocketChannel> clients = ConcurrentHashMap.newKeySet();
    private final AtomicInteger sessions = new AtomicInteger();
    private final Thread acceptor;

    private ControlSocket(Path path, CommandProcessor processor, String group, ServerSocketChannel server) {
        this.path = path;
        this.processor = processor;
        this.group = group;
        this.server = server;
        this.acceptor = new Thread(this::accept, "shimhost-control");
        acceptor.setDaemon(true);
    }

    /**
     * Binds the socket (a stale socket file left by a killed daemon is replaced; anything else at
     * the path is refused) and starts accepting.
     *
     * @param group a group whose members may connect too, or empty
     */
    static ControlSocket open(Path path, CommandProcessor processor, String group) throws IOException {
        removeStaleSocket(path);
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            server.bind(UnixDomainSocketAddress.of(path));
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
        } catch (IOException e) {
            server.close();
            throw new IOException("Cannot listen on " + path + ": " + e.getMessage(), e);
        }
        ControlSocket socket = new ControlSocket(path, processor, group, server);
        socket.acceptor.start();
        return socket;
    }

    private static void removeStaleSocket(Path path) throws IOException {
        PosixFileAttributes attributes;
        try {
            attributes = Files.readAttributes(path, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return;
        }
        if (!attributes.isOther()) {
            throw new IOException(path + " exists and is no socket: move it away");
        }
        Files.delete(path); // the folder is held by this framework: the socket is a dead daemon's
    }

    Path path() {
        return path;
    }

    private void accept() {
        while (server.isOpen()) {
            try {
                SocketChannel client = server.accept();
                clients.add(client);
                Thread session = new Thread(() -> serve(client), "shimhost-control-" + sessions.incrementAndGet());
                session.setDaemon(true);
                session.start();
            } catch (IOException e) {
                if (server.isOpen()) {
                    LOG.atWarn().addKeyValue("socket", path).log("Cannot accept a control connection: " + e.getMessage());
                }
            }
        }
    }

    private void serve(SocketChannel client) {
        try (client) {
            OutputStream raw = ChannelStreams.output(client);
            ControlFrames frames = new ControlFrames(raw);
            Optional<String> refusal = refusal(client);
            if (refusal.isPresent()) {
                frames.failed(refusal.get());
                return;
            }
            InputStream in = ChannelStreams.input(client);
            try (PrintStream out = new PrintStream(frames.output(), true, StandardCharsets.UTF_8);
                    CommandSession session = processor.createSession(InputStream.nullInputStream(), out, out)) {
                new ControlSession(session, out, frames).serve(in);
            } catch (InterruptedException e) {
                // the daemon is stopping
            }
        } catch (IOException e) {
            // the client went away: its session ends with it
        } finally {
            clients.remove(client);
        }
    }

    /** Root, the daemon's own user, and the members of the configured group may connect. */
    private Optional<String> refusal(SocketChannel client) throws IOException {
        UnixDomainPrincipal peer = client.getOption(ExtendedSocketOptions.SO_PEERCRED);
        String user = peer.user().getName();
        String peerGroup = peer.group().getName();
        if (user.equals("root") || user.equals(System.getProperty("user.name"))
                || (!group.isEmpty() && peerGroup.equals(group))) {
            return Optional.empty();
        }
        String uid = uid(user);
        LOG.atWarn().addKeyValue("socket", path).addKeyValue("user", user).addKeyValue("uid", uid)
                .addKeyValue("group", peerGroup)
                .log("Refused a control connection from user " + user + " (uid " + uid + ", group " + peerGroup + ")");
        return Optional.of("refused: user " + user + " may not drive this shimhost (root, "
                + System.getProperty("user.name") + (group.isEmpty() ? "" : " or group " + group) + " may)");
    }

    /**
     * The uid of a user SO_PEERCRED named (Java gives the name; a uid without an account comes as
     * the number itself), from /etc/passwd.
     */
    private static String uid(String user) {
        if (user.chars().allMatch(Character::isDigit)) {
            return user;
        }
        try (var lines = Files.lines(Path.of("/etc/passwd"))) {
            return lines.map(l -> l.split(":", -1)).filter(f -> f.length > 2 && f[0].equals(user)).map(f -> f[2])
                    .findFirst().orElse("?");
        } catch (IOException | java.io.UncheckedIOException e) {
            return "?";
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (SocketChannel client : clients) {
            client.close();
        }
        Files.deleteIfExists(path);
    }
}
