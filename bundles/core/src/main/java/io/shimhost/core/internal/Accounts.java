package io.shimhost.core.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import io.shimhost.api.PeerAccess.LocalUser;

/**
 * A uid's user name and primary group name, from {@code /etc/passwd} and {@code /etc/group}, as Java names
 * the peer of a Unix-domain socket: a uid or gid without an entry comes as the number itself.
 */
final class Accounts {

    private final Path passwd;
    private final Path group;

    Accounts() {
        this(Path.of("/etc/passwd"), Path.of("/etc/group"));
    }

    Accounts(Path passwd, Path group) {
        this.passwd = passwd;
        this.group = group;
    }

    /**
     * @param uid a uid
     * @return its user, read now (so that a change to the accounts applies at once)
     * @throws IOException when the files cannot be read
     */
    LocalUser of(int uid) throws IOException {
        Optional<String[]> entry = entry(passwd, uid);
        if (entry.isEmpty()) {
            return new LocalUser(Integer.toString(uid), Integer.toString(uid));
        }
        String name = entry.get()[0];
        String gid = entry.get()[3];
        String groupName = entry(group, Integer.parseInt(gid)).map(g -> g[0]).orElse(gid);
        return new LocalUser(name, groupName);
    }

    /** The first line of a passwd-like file whose third field is {@code id}. */
    private static Optional<String[]> entry(Path file, int id) throws IOException {
        String wanted = Integer.toString(id);
        for (String line : Files.readAllLines(file)) {
            String[] fields = line.split(":", -1);
            if (fields.length > 3 && fields[2].equals(wanted)) {
                return Optional.of(fields);
            }
        }
        return Optional.empty();
    }
}
