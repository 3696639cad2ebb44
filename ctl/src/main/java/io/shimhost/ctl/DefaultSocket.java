package io.shimhost.ctl;

import java.nio.file.Path;

import io.shimhost.ctl.home.LauncherHome;

/**
 * Where the daemon of this launcher listens, found as the launcher finds its state folder
 * ({@link LauncherHome}): {@code -Dshimhost.socket}, else {@code shimhost.sock} in the state folder.
 */
final class DefaultSocket {

    private static final String NAME = "shimhost.sock";

    private DefaultSocket() {
    }

    static Path path() {
        String socket = System.getProperty("shimhost.socket");
        if (socket != null && !socket.isBlank()) {
            return Path.of(socket);
        }
        Path home = LauncherHome.home(System.getProperty("shimhost.home"), System.getProperty("java.class.path", ""));
        return LauncherHome.stateFolder(home, System.getProperty("shimhost.state")).resolve(NAME);
    }
}
