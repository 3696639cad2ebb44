package io.shimhost.core.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

import io.shimhost.api.PseudoTerminal;
import io.shimhost.api.ShimException;

import jnr.ffi.Runtime;

/** A pseudo-terminal master opened with posix_openpt, never this JVM's controlling terminal. */
final class Pty implements PseudoTerminal {

    private final LibC libc;
    private final int master;
    private final Path slave;
    private final InputStream input = new MasterInput();
    private final OutputStream output = new MasterOutput();
    private volatile boolean closed;

    private Pty(LibC libc, int master, Path slave) {
        this.libc = libc;
        this.master = master;
        this.slave = slave;
    }

    static Pty open(LibC libc) throws ShimException {
        Runtime runtime = Runtime.getRuntime(libc);
        int master = libc.posix_openpt(LibC.O_RDWR | LibC.O_NOCTTY | LibC.O_CLOEXEC);
        if (master < 0) {
            throw new ShimException("Cannot open a pseudo-terminal: " + libc.strerror(runtime.getLastError()));
        }
        byte[] name = new byte[128];
        if (libc.grantpt(master) != 0 || libc.unlockpt(master) != 0 || libc.ptsname_r(master, name, name.length) != 0) {
            int errno = runtime.getLastError();
            libc.close(master);
            throw new ShimException("Cannot set up a pseudo-terminal: " + libc.strerror(errno));
        }
        int length = 0;
        while (length < name.length && name[length] != 0) {
            length++;
        }
        return new Pty(libc, master, Path.of(new String(name, 0, length, StandardCharsets.US_ASCII)));
    }

    @Override
    public Path slave() {
        return slave;
    }

    @Override
    public InputStream input() {
        return input;
    }

    @Override
    public OutputStream output() {
        return output;
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            libc.close(master);
        }
    }

    private final class MasterInput extends InputStream {
        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        /** EIO on a master means no program holds the slave any more: the end of the input. */
        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            byte[] buffer = new byte[len];
            while (true) {
                if (closed) {
                    return -1;
                }
                long n = libc.read(master, buffer, len);
                if (n > 0) {
                    System.arraycopy(buffer, 0, b, off, (int) n);
                    return (int) n;
                }
                int errno = n < 0 ? Runtime.getRuntime(libc).getLastError() : 0;
                if (n == 0 || errno == LibC.EIO) {
                    return -1;
                }
                if (errno != LibC.EINTR) {
                    throw new IOException("Cannot read pseudo-terminal " + slave + ": " + libc.strerror(errno));
                }
            }
        }
    }

    private final class MasterOutput extends OutputStream {
        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            byte[] rest = Arrays.copyOfRange(b, off, off + len);
            while (rest.length > 0) {
                long n = libc.write(master, rest, rest.length);
                if (n < 0) {
                    int errno = Runtime.getRuntime(libc).getLastError();
                    if (errno == LibC.EINTR) {
                        continue;
                    }
                    throw new IOException("Cannot write pseudo-terminal " + slave + ": " + libc.strerror(errno));
                }
                rest = Arrays.copyOfRange(rest, (int) n, rest.length);
            }
        }
    }
}
