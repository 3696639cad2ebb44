package io.shimhost.console.internal;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.felix.service.command.CommandProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;

import io.shimhost.api.PeerAccess;

/**
 * The daemon's only door: a Unix-domain stream socket, created 0600 in the state folder (0700, see
 * the registry's rules). One thread accepts and reads every connection (a selector): an idle
 * connection costs a descriptor and a few kilobytes, no thread. Every connection's peer is checked
 * by SO_PEERCRED (root, the daemon's own user, or a member of a configured group, by its primary
 * group or as listed in /etc/group; the socket is then made 0660 and the group's) and counted against
 * {@link ControlLimits#connections()}; its command lines run on a bounded pool of workers
 * ({@link ControlLimits#commands()}, threads made only while commands run), see {@link ControlClient}.
 * Whatever goes wrong with one client (its peer, its input, a worker that cannot be made) is
 * answered to that client and ends its connection; the accepting thread goes on.
 */
final class ControlSocket implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ControlSocket.class);
    private static final long PROBE_PERIOD_MILLIS = 200;

    private final Path path;
    private final CommandProcessor processor;
    private final PeerAccess access;
    private final ControlLimits limits;
    private final ServerSocketChannel server;
    private final Selector selector;
    private final Set<ControlClient> clients = ConcurrentHashMap.newKeySet();
    private final Queue<ControlClient> resumed = new ConcurrentLinkedQueue<>();
    private final AtomicInteger workerNumber = new AtomicInteger();
    private final ThreadPoolExecutor workers;
    private final ScheduledExecutorService prober;
    private final ScheduledExecutorService linger;
    private final RefusalLog refusals;
    private final Thread acceptor;

    private ControlSocket(Path path, CommandProcessor processor, PeerAccess access, ControlLimits limits,
            ServerSocketChannel server, Selector selector) {
        this.path = path;
        this.processor = processor;
        this.access = access;
        this.limits = limits;
        this.server = server;
        this.selector = selector;
        this.refusals = new RefusalLog(path);
        this.workers = new ThreadPoolExecutor(0, limits.commands(), 5, TimeUnit.SECONDS, new SynchronousQueue<>(),
                r -> daemonThread(r, "shimhost-control-" + workerNumber.incrementAndGet()));
        this.prober = Executors.newSingleThreadScheduledExecutor(r -> daemonThread(r, "shimhost-control-probe"));
        ScheduledThreadPoolExecutor lingering = new ScheduledThreadPoolExecutor(1,
                r -> daemonThread(r, "shimhost-control-linger"));
        lingering.prestartAllCoreThreads(); // one thread from the start: none appears with the first list
        this.linger = lingering;
        this.acceptor = daemonThread(this::loop, "shimhost-control");
    }

    private static Thread daemonThread(Runnable r, String name) {
        Thread thread = new Thread(r, name);
        thread.setDaemon(true);
        return thread;
    }

    private static IOException cannotListen(Path path, String why, IOException cause) {
        return new IOException("Cannot listen on " + path + ": " + why
                + "; put the socket where it can be made: -Dshimhost.socket=PATH", cause);
    }

    /**
     * Binds the socket (a stale socket file left by a killed daemon is replaced; a socket a live
     * daemon answers on, or anything else at the path, is refused) and starts accepting.
     *
     * @param access who may connect; it gives the socket file its mode
     */
    static ControlSocket open(Path path, CommandProcessor processor, PeerAccess access, ControlLimits limits)
            throws IOException {
        try {
            removeStaleSocket(path);
        } catch (java.nio.file.FileSystemException e) {
            throw cannotListen(path, e.getReason() != null ? e.getReason() : e.toString(), e);
        }
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        Selector selector = null;
        try {
            server.bind(UnixDomainSocketAddress.of(path));
            access.restrict(path);
            server.configureBlocking(false);
            selector = Selector.open();
            server.register(selector, SelectionKey.OP_ACCEPT);
        } catch (IOException e) {
            server.close();
            if (selector != null) {
                selector.close();
            }
            throw cannotListen(path, e.getMessage(), e);
        }
        ControlSocket socket = new ControlSocket(path, processor, access, limits, server, selector);
        socket.acceptor.start();
        socket.prober.scheduleWithFixedDelay(socket::probe, PROBE_PERIOD_MILLIS, PROBE_PERIOD_MILLIS,
                TimeUnit.MILLISECONDS);
        return socket;
    }

    /** A socket file nobody answers on is a dead daemon's; one somebody answers on is a live daemon's. */
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
        try (SocketChannel probe = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            probe.connect(UnixDomainSocketAddress.of(path));
            throw new IOException(path + " is the socket of a running shimhost: give this daemon another "
                    + "-Dshimhost.socket, or stop that one first");
        } catch (java.net.ConnectException e) {
            Files.delete(path); // nobody listens: a killed daemon's
        }
    }

    Path path() {
        return path;
    }

    private void loop() {
        while (server.isOpen()) {
            try {
                selector.select();
                if (!selector.isOpen()) {
                    return;
                }
                for (ControlClient client = resumed.poll(); client != null; client = resumed.poll()) {
                    SelectionKey key = client.channel().keyFor(selector);
                    if (key != null && key.isValid()) {
                        key.interestOps(SelectionKey.OP_READ);
                    }
                }
                for (SelectionKey key : selector.selectedKeys()) {
                    handle(key);
                }
                selector.selectedKeys().clear();
            } catch (IOException | java.nio.channels.ClosedSelectorException e) {
                if (server.isOpen()) {
                    LOG.atWarn().addKeyValue("socket", path).log("Control socket: " + e.getMessage());
                }
            }
        }
    }

    /** One client's trouble is that client's: answered, logged, its connection closed. */
    private void handle(SelectionKey key) {
        try {
            if (!key.isValid()) {
                return;
            }
            if (key.isAcceptable()) {
                accept();
            } else if (key.isReadable()) {
                read(key, (ControlClient) key.attachment());
            }
        } catch (RuntimeException | OutOfMemoryError e) {
            if (key.attachment() instanceof ControlClient client) {
                client.refuse("the daemon could not serve this connection: " + e);
                clients.remove(client);
            }
            refusals.failed(e);
        }
    }

    private void accept() {
        SocketChannel channel;
        try {
            channel = server.accept();
        } catch (IOException e) {
            refusals.acceptFailed(e); // out of descriptors, say: the next connection may fare better
            pause();
            return;
        }
        if (channel == null) {
            return;
        }
        ControlClient client = new ControlClient(channel, processor, limits, linger);
        Optional<String> refusal = refusal(channel);
        if (refusal.isPresent()) {
            client.refuse(refusal.get());
            return;
        }
        try {
            channel.configureBlocking(false);
            channel.register(selector, SelectionKey.OP_READ, client);
            clients.add(client);
        } catch (IOException e) {
            client.close();
        }
    }

    private void read(SelectionKey key, ControlClient client) {
        ControlClient.Next next = client.read();
        switch (next) {
            case CLOSED -> {
                clients.remove(client);
                return;
            }
            case PAUSE, PAUSE_AND_DRAIN -> key.interestOps(0);
            default -> {
            }
        }
        if (next == ControlClient.Next.READ_AND_DRAIN || next == ControlClient.Next.PAUSE_AND_DRAIN) {
            try {
                workers.execute(() -> {
                    client.drain(() -> {
                        resumed.add(client);
                        selector.wakeup();
                    });
                    if (client.closed()) {
                        clients.remove(client);
                        selector.wakeup(); // a channel closed off the selector's thread is released by its next select
                    }
                });
            } catch (RejectedExecutionException e) {
                client.refuse("busy: " + limits.commands() + " commands are running (" + ControlLimits.COMMANDS_PROPERTY
                        + "); try again");
                clients.remove(client);
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void probe() {
        clients.forEach(ControlClient::probe);
    }

    /** Root, the daemon's own user, and the members of the configured group may connect, up to the bound. */
    private Optional<String> refusal(SocketChannel client) {
        UnixDomainPrincipal peer;
        try {
            peer = client.getOption(ExtendedSocketOptions.SO_PEERCRED);
        } catch (IOException e) {
            return Optional.of("refused: the peer's credentials cannot be read");
        }
        Optional<String> refused = access.refusal(peer.user().getName(), peer.group().getName(), "the control socket");
        if (refused.isPresent()) {
            return refused;
        }
        if (clients.size() >= limits.connections()) {
            refusals.tooMany(limits.connections());
            return Optional.of("refused: " + limits.connections() + " connections are open ("
                    + ControlLimits.CONNECTIONS_PROPERTY + "); try again");
        }
        return Optional.empty();
    }

    @Override
    public void close() throws IOException {
        server.close();
        selector.wakeup();
        try {
            acceptor.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        selector.close();
        prober.shutdownNow();
        linger.shutdownNow();
        clients.forEach(ControlClient::close);
        workers.shutdownNow();
        Files.deleteIfExists(path);
    }
}
