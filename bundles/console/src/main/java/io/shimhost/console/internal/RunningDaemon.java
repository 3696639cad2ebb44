package io.shimhost.console.internal;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A daemon that already runs on the launcher's state folder: found by its control socket answering
 * a connection, and named by the pid it wrote into the folder's lock file. Looked for before the
 * framework's components take the folder, so that a launcher started beside a daemon says so in one
 * line instead of failing in every component that wanted the folder.
 *
 * @param pid the daemon's pid, or empty when the state folder's lock file does not name one (its
 *        socket was given apart from its state folder)
 * @param stateFolder the launcher's state folder
 * @param socket the socket it answers on
 */
record RunningDaemon(Optional<String> pid, Path stateFolder, Path socket) {

    static Optional<RunningDaemon> on(Path stateFolder, Path socket) {
        if (!Files.exists(socket, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        try (SocketChannel probe = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            probe.connect(UnixDomainSocketAddress.of(socket));
        } catch (IOException e) {
            return Optional.empty(); // nobody answers: a killed daemon's socket, replaced by the next one
        }
        return Optional.of(new RunningDaemon(holder(stateFolder.resolve("shims.lock")), stateFolder, socket));
    }

    private static Optional<String> holder(Path lock) {
        try {
            String pid = new String(Files.readAllBytes(lock), StandardCharsets.US_ASCII).strip();
            return pid.matches("[0-9]{1,10}") && Files.isDirectory(Path.of("/proc", pid)) ? Optional.of(pid)
                    : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** @return the one line a launcher that would run {@code arguments} ends with */
    String refusal(String[] arguments) {
        String held = pid.map(p -> "a shimhost daemon (pid " + p + ") runs on the state folder " + stateFolder)
                .orElse("a shimhost daemon answers on " + socket);
        if (arguments.length == 1 && arguments[0].equals("--daemon")) {
            return held + " already" + (pid.isPresent() ? " (socket " + socket + ")" : "");
        }
        String ctl = "shimhost ctl" + (socket.equals(stateFolder.resolve("shimhost.sock")) ? "" : " -s " + socket);
        return held + ": " + (arguments.length == 1 ? "run the script through it: " + ctl + " -f " + arguments[0]
                : "talk to it: " + ctl);
    }
}
