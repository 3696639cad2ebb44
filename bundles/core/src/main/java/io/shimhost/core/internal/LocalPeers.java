package io.shimhost.core.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.shimhost.api.PeerAccess;

/**
 * The node's peer rule: root, the user the node runs as, and the configured group's members. A
 * flood of refused connections must not become a flood in the journal: one WARN per
 * {@value #QUIET_SECONDS} s, the next one counting those not logged meanwhile.
 */
@Component(service = PeerAccess.class)
public final class LocalPeers implements PeerAccess {

    private static final Logger LOG = LoggerFactory.getLogger(LocalPeers.class);
    private static final long QUIET_SECONDS = 10;

    private final String group;
    private final String nodeUser = System.getProperty("user.name");
    private final SocketTable sockets = new SocketTable();
    private final Accounts accounts = new Accounts();
    private long lastLogged = System.nanoTime() - TimeUnit.SECONDS.toNanos(QUIET_SECONDS + 1);
    private long unlogged;

    @Activate
    public LocalPeers(BundleContext context) {
        this(context.getProperty(GROUP_PROPERTY));
    }

    LocalPeers(String group) {
        this.group = Objects.requireNonNullElse(group, "").strip();
    }

    @Override
    public Optional<String> group() {
        return group.isEmpty() ? Optional.empty() : Optional.of(group);
    }

    @Override
    public void restrict(Path socket) throws IOException {
        Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-------"));
        if (!group.isEmpty()) {
            Files.getFileAttributeView(socket, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS).setGroup(
                    socket.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByGroupName(group));
            Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-rw----"));
        }
    }

    @Override
    public Optional<String> refusal(String user, String peerGroup, String door) {
        if (user.equals("root") || user.equals(nodeUser)
                || !group.isEmpty() && (peerGroup.equals(group) || GroupMembers.of(group).contains(user))) {
            return Optional.empty();
        }
        logRefused(door, user, peerGroup);
        return Optional.of("refused: user " + user + " may not drive this shimhost (root, " + nodeUser
                + (group.isEmpty() ? "" : " or group " + group) + " may)");
    }

    @Override
    public Optional<LocalUser> loopbackPeer(InetSocketAddress client, InetSocketAddress server) throws IOException {
        OptionalInt uid = sockets.clientUid(client, server);
        return uid.isEmpty() ? Optional.empty() : Optional.of(accounts.of(uid.getAsInt()));
    }

    private synchronized void logRefused(String door, String user, String peerGroup) {
        long now = System.nanoTime();
        if (now - lastLogged < TimeUnit.SECONDS.toNanos(QUIET_SECONDS)) {
            unlogged++;
            return;
        }
        String message = "Refused a connection to " + door + " from user " + user + " (uid " + uid(user)
                + ", group " + peerGroup + ")";
        LOG.atWarn().addKeyValue("door", door).addKeyValue("user", user).addKeyValue("unlogged", unlogged)
                .log(unlogged == 0 ? message : message + " (and " + unlogged + " more not logged in the last "
                        + QUIET_SECONDS + " s)");
        lastLogged = now;
        unlogged = 0;
    }

    /**
     * The uid of a user SO_PEERCRED named (Java gives the name; a uid without an account comes as
     * the number itself), from /etc/passwd.
     */
    private static String uid(String user) {
        if (user.chars().allMatch(Character::isDigit)) {
            return user;
        }
        try (Stream<String> lines = Files.lines(Path.of("/etc/passwd"))) {
            return lines.map(l -> l.split(":", -1)).filter(f -> f.length > 2 && f[0].equals(user)).map(f -> f[2])
                    .findFirst().orElse("?");
        } catch (IOException | UncheckedIOException e) {
            return "?";
        }
    }
}
