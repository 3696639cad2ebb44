package io.shimhost.core.internal;

import java.nio.charset.StandardCharsets;

import jnr.ffi.Memory;
import jnr.ffi.Pointer;
import jnr.ffi.Runtime;

/**
 * A Unix-domain datagram socket address and what is done with one: Java 17 has Unix-domain stream
 * sockets only. A name starting with {@code @} is in the abstract namespace (as systemd may give
 * {@code $NOTIFY_SOCKET}).
 */
public final class UnixDatagram {

    private static final int PATH_MAX = LibC.SOCKADDR_UN_SIZE - 2;

    private final LibC libc;
    private final Runtime runtime;

    /** @param libc the C library */
    public UnixDatagram(LibC libc) {
        this.libc = libc;
        this.runtime = Runtime.getRuntime(libc);
    }

    /** Sends one datagram; returns the errno, or 0 when it was sent. */
    public int send(String socket, byte[] message) {
        Address address = address(socket);
        int fd = libc.socket(LibC.AF_UNIX, LibC.SOCK_DGRAM | LibC.SOCK_CLOEXEC, 0);
        if (fd < 0) {
            return runtime.getLastError();
        }
        try {
            long sent = libc.sendto(fd, message, message.length, LibC.MSG_NOSIGNAL, address.pointer(), address.length());
            return sent < 0 ? runtime.getLastError() : 0;
        } finally {
            libc.close(fd);
        }
    }

    /** Binds a new socket to the name; returns its descriptor, or -errno. */
    public int bind(String socket) {
        Address address = address(socket);
        int fd = libc.socket(LibC.AF_UNIX, LibC.SOCK_DGRAM | LibC.SOCK_CLOEXEC, 0);
        if (fd < 0) {
            return -runtime.getLastError();
        }
        if (libc.bind(fd, address.pointer(), address.length()) != 0) {
            int errno = runtime.getLastError();
            libc.close(fd);
            return -errno;
        }
        return fd;
    }

    /** Waits for one datagram on a bound socket. */
    public String receive(int fd) {
        byte[] buffer = new byte[4096];
        long length = libc.recv(fd, buffer, buffer.length, 0);
        return length < 0 ? "" : new String(buffer, 0, (int) length, StandardCharsets.UTF_8);
    }

    private record Address(Pointer pointer, int length) {
    }

    private Address address(String socket) {
        byte[] name = socket.getBytes(StandardCharsets.UTF_8);
        if (name.length == 0 || name.length > PATH_MAX - 1) {
            throw new IllegalArgumentException("A Unix socket name is 1 to " + (PATH_MAX - 1) + " bytes: " + socket);
        }
        Pointer address = Memory.allocateDirect(runtime, LibC.SOCKADDR_UN_SIZE);
        address.setMemory(0, LibC.SOCKADDR_UN_SIZE, (byte) 0);
        address.putShort(0, (short) LibC.AF_UNIX);
        boolean abstractName = name[0] == '@';
        address.put(2, name, 0, name.length);
        if (abstractName) {
            address.putByte(2, (byte) 0); // the abstract namespace: a leading NUL, and no NUL at the end
        }
        return new Address(address, 2 + name.length + (abstractName ? 0 : 1));
    }
}
