package io.shimhost.core.internal;

import jnr.ffi.Pointer;

/**
 * struct epoll_event: a 32-bit event mask and 64 bits of user data, packed to 12 bytes on x86_64
 * and padded to 16 elsewhere. The data carries a number that names what is watched.
 */
record EpollEventLayout(int size, int dataOffset) {

    static EpollEventLayout forThisMachine() {
        String arch = System.getProperty("os.arch");
        return "amd64".equals(arch) || "x86_64".equals(arch) ? new EpollEventLayout(12, 4) : new EpollEventLayout(16, 8);
    }

    void write(Pointer events, int index, int mask, long data) {
        events.putInt((long) index * size, mask);
        events.putLong((long) index * size + dataOffset, data);
    }

    long data(Pointer events, int index) {
        return events.getLong((long) index * size + dataOffset);
    }
}
