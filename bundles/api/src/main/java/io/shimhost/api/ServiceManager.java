package io.shimhost.api;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The service manager that runs the node, told how the node is doing: systemd's notification
 * protocol, through the datagram socket named by {@code $NOTIFY_SOCKET}. Provided by the core bundle.
 */
@ProviderType
public interface ServiceManager {

    /** @return whether a service manager listens ({@code $NOTIFY_SOCKET} is set) */
    boolean listening();

    /**
     * Sends one notification, such as {@code READY=1\nSTATUS=3 shims}; nothing when none listens.
     *
     * @param state newline-separated {@code KEY=VALUE} assignments
     * @throws ShimException if it cannot be sent, naming the socket and the error
     */
    void notify(String state) throws ShimException;
}
