package io.shimhost.api.registry;

import io.shimhost.api.Identifiers;
import io.shimhost.api.InvalidParameterException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * Reads a shim's output log as bytes, as the shim wrote them: the rotated part ({@code FILE.1})
 * and the file, then what is added to the file; a file found shorter than what was read was
 * rotated, and is read again from its start. Links are not followed. One reader follows one log;
 * it is not thread-safe.
 */
public final class OutputTail {

    private final Path file;
    private long position;

    /**
     * Reads how many lines a reader asks for.
     *
     * @param name the option or field it came in, for the message ({@code --lines})
     * @param value the count as given, or null for all lines
     * @return the count, or -1 for all
     * @throws InvalidParameterException naming the option and the value, if it is no whole number of 0 or more
     */
    public static int lines(String name, String value) throws InvalidParameterException {
        if (value == null) {
            return -1;
        }
        try {
            int n = Integer.parseInt(value);
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new InvalidParameterException(name, value, "Invalid " + name + " \"" + Identifiers.shown(value)
                + "\": give a number of lines, 0 or more");
    }

    /** @param file the shim's output log ({@link ShimRecord#outputLog()}) */
    public OutputTail(Path file) {
        this.file = file;
    }

    /**
     * @param lines how many lines from the end, or -1 for all
     * @return the last lines of the rotated part and the file
     * @throws IOException if a part cannot be read
     */
    public byte[] last(int lines) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        all.write(read(file.resolveSibling(file.getFileName() + ".1"), 0));
        byte[] current = read(file, 0);
        position = current.length;
        all.write(current);
        byte[] bytes = all.toByteArray();
        return lines < 0 ? bytes : Arrays.copyOfRange(bytes, start(bytes, lines), bytes.length);
    }

    /**
     * @return what was added since the last read
     * @throws IOException if the file cannot be read
     */
    public byte[] next() throws IOException {
        byte[] more = read(file, position);
        if (more.length == 0 && size() < position) {
            position = 0;
            more = read(file, 0);
        }
        position += more.length;
        return more;
    }

    private long size() throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            return channel.size();
        } catch (NoSuchFileException e) {
            return 0;
        }
    }

    private static byte[] read(Path path, long from) throws IOException {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            long size = channel.size();
            if (size <= from) {
                return new byte[0];
            }
            ByteBuffer bytes = ByteBuffer.allocate(Math.toIntExact(size - from));
            while (bytes.hasRemaining() && channel.read(bytes, from + bytes.position()) > 0) {
                // read on
            }
            return Arrays.copyOf(bytes.array(), bytes.position());
        } catch (NoSuchFileException e) {
            return new byte[0];
        }
    }

    /** The offset of the last {@code lines} lines; a final line without a newline counts. */
    private static int start(byte[] bytes, int lines) {
        int end = bytes.length > 0 && bytes[bytes.length - 1] == '\n' ? bytes.length - 1 : bytes.length;
        int seen = 0;
        for (int i = end - 1; i >= 0; i--) {
            if (bytes[i] == '\n' && ++seen == lines) {
                return i + 1;
            }
        }
        return lines == 0 ? bytes.length : 0;
    }
}
