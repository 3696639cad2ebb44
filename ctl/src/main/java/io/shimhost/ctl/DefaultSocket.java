package io.shimhost.ctl;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Where the daemon of this launcher listens, found as the launcher finds its state folder:
 * {@code -Dshimhost.socket}, else {@code shimhost.sock} in {@code -Dshimhost.state}, else in
 * {@code state.directory} of {@code conf/io.shimhost.registry.cfg}, else in {@code state/}, next to
 * the jar or in {@code -Dshimhost.home}.
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
        String state = System.getProperty("shimhost.state");
        if (state != null && !state.isBlank()) {
            return Path.of(state).resolve(NAME);
        }
        Path home = home();
        String configured = configuredState(home.resolve("conf").resolve("io.shimhost.registry.cfg"));
        return (configured != null ? Path.of(configured) : home.resolve("state")).resolve(NAME);
    }

    private static Path home() {
        String home = System.getProperty("shimhost.home");
        if (home != null && !home.isBlank()) {
            return Path.of(home);
        }
        String classPath = System.getProperty("java.class.path", "");
        Path jar = Path.of(classPath).toAbsolutePath();
        return classPath.endsWith(".jar") && jar.getParent() != null ? jar.getParent() : Path.of("");
    }

    private static String configuredState(Path cfg) {
        if (!Files.isRegularFile(cfg)) {
            return null;
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(cfg, StandardCharsets.ISO_8859_1)) {
            properties.load(reader);
        } catch (IOException e) {
            return null;
        }
        String value = properties.getProperty("state.directory");
        return value == null || value.isBlank() ? null : value.strip();
    }
}
