package io.shimhost.registry.internal;

import java.nio.file.Path;

/**
 * Where a shim's stdout and stderr go, and how large that file may grow before it is rotated (to
 * the same name with {@code .1} appended, which the rotation replaces).
 *
 * @param file the log file, absolute
 * @param limit the size in bytes past which it is rotated
 */
record OutputLog(Path file, long limit) {

    /** @return the file a rotation moves the log's last {@code limit} bytes to */
    Path rotated() {
        return file.resolveSibling(file.getFileName() + ".1");
    }
}
