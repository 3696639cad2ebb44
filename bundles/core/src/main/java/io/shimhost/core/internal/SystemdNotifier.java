package io.shimhost.core.internal;

import java.nio.charset.StandardCharsets;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

import io.shimhost.api.ServiceManager;
import io.shimhost.api.ShimException;

import jnr.ffi.LibraryLoader;

/** systemd's notification protocol: one datagram per notification to {@code $NOTIFY_SOCKET}, if set. */
@Component(service = ServiceManager.class)
public final class SystemdNotifier implements ServiceManager {

    private final LibC libc;
    private final String socket;

    @Activate
    public SystemdNotifier() {
        this(LibraryLoader.create(LibC.class).load("c"), System.getenv("NOTIFY_SOCKET"));
    }

    SystemdNotifier(LibC libc, String socket) {
        this.libc = libc;
        this.socket = socket == null || socket.isBlank() ? null : socket;
    }

    @Override
    public boolean listening() {
        return socket != null;
    }

    @Override
    public void notify(String state) throws ShimException {
        if (socket == null) {
            return;
        }
        int errno = new UnixDatagram(libc).send(socket, state.getBytes(StandardCharsets.UTF_8));
        if (errno != 0) {
            throw new ShimException("Cannot notify the service manager on " + socket + ": " + libc.strerror(errno));
        }
    }
}
