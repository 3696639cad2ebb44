package io.shimhost.itests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A folder any user can reach (0755), with a copy of the launcher jar any user can read: where a
 * test puts a socket for a user other than root to connect to, and the jar that user runs.
 *
 * @param folder the folder
 * @param jar the launcher jar in it
 */
record OpenFolder(Path folder, Path jar) implements AutoCloseable {

    static OpenFolder create(String prefix) throws IOException {
        Path folder = Files.createTempDirectory(prefix);
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path jar = Files.copy(Launcher.jar(), folder.resolve("shimhost.jar"));
        Files.setPosixFilePermissions(jar, PosixFilePermissions.fromString("rw-r--r--"));
        return new OpenFolder(folder, jar);
    }

    @Override
    public void close() throws IOException {
        try (var files = Files.list(folder)) {
            for (Path f : files.toList()) {
                Files.deleteIfExists(f);
            }
        }
        Files.deleteIfExists(folder);
    }
}
