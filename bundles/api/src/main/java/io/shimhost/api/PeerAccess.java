package io.shimhost.api;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Who may drive this node through its local sockets (the control socket, the HTTP API): root,
 * the node's own user, and the members of the group named by {@value #GROUP_PROPERTY}, by their
 * primary group or as {@code /etc/group} lists them (read at each decision, so that a change
 * applies at once). Every door asks this one service. Provided by the core bundle.
 */
@ProviderType
public interface PeerAccess {

    /** Framework (or system) property naming a group whose members may drive the node too. */
    String GROUP_PROPERTY = "shimhost.socket.group";

    /** @return the group whose members may drive the node too, or empty when none is configured */
    Optional<String> group();

    /**
     * Gives a socket file just made the mode that lets in the peers this service admits: 0600,
     * or, with a group configured, 0660 and that group's (the folder it is in must let them reach it).
     *
     * @param socket the socket file
     * @throws IOException if its mode or group cannot be set, or the group does not exist
     */
    void restrict(Path socket) throws IOException;

    /**
     * Decides on a peer, by the user and group SO_PEERCRED names; a refusal is logged (a WARN naming the door, the
     * user and its group, at most one in 10 s, the next saying how many were not logged).
     *
     * @param user the peer's user name (its uid in decimal when it has no account)
     * @param group the peer's primary group name
     * @param door the door it connected to, as the log names it ({@code the control socket})
     * @return why the peer is refused, one line naming the user and who may; empty when it may
     */
    Optional<String> refusal(String user, String group, String door);

    /**
     * A local user, as a peer: its name and its primary group's name (each its number in decimal when it has
     * no account).
     *
     * @param name the user's name
     * @param group its primary group's name
     */
    record LocalUser(String name, String group) {
    }

    /**
     * Who opened a loopback TCP connection to this node: the owner of its client end, from the kernel's socket
     * table (both ends of a loopback connection are this host's sockets), the TCP counterpart of SO_PEERCRED.
     * Judge the user with {@link #refusal}.
     *
     * @param client the connection's client end, as the server sees it
     * @param server the connection's server end
     * @return the user; empty when no established socket of this host has these ends
     * @throws IOException if the socket table or the accounts cannot be read
     */
    Optional<LocalUser> loopbackPeer(InetSocketAddress client, InetSocketAddress server) throws IOException;
}
