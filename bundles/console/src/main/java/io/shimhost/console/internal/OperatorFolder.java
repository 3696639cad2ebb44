package io.shimhost.console.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/**
 * The rule for the operator's conf/ and deploy/ folders: shimhost runs as root and takes
 * configuration and code from them, so whoever can write them is root. A folder given as a
 * symbolic link is judged by what it names.
 */
final class OperatorFolder {

    private OperatorFolder() {
    }

    /** @return what is wrong with the folder, naming it and the fix; empty when it is safe */
    static Optional<String> problem(Path folder) throws IOException {
        PosixFileAttributes attributes = Files.readAttributes(folder, PosixFileAttributes.class);
        int owner = (Integer) Files.getAttribute(folder, "unix:uid");
        // /proc/self is a link owned by root; the folder it names, /proc/PID, is owned by the process's effective uid
        int self = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        if (owner != self) {
            return Optional.of("The folder " + folder + " is owned by uid " + owner + ", not by shimhost's user (uid "
                    + self + "): whoever owns it runs code as shimhost; chown " + self + " " + folder);
        }
        if (attributes.permissions().contains(PosixFilePermission.GROUP_WRITE)
                || attributes.permissions().contains(PosixFilePermission.OTHERS_WRITE)) {
            return Optional.of("The folder " + folder + " is writable by others ("
                    + PosixFilePermissions.toString(attributes.permissions()) + "): whoever writes it runs code as "
                    + "shimhost; chmod go-w " + folder);
        }
        return Optional.empty();
    }
}
