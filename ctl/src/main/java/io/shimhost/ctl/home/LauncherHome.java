package io.shimhost.ctl.home;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

/**
 * The launcher's home folder and the state folder it chooses, worked out the same way by the
 * launcher (inside its framework) and by {@code ctl} (which starts none), so that both name the same
 * folder: {@code shimhost.state} if given, else {@code state.directory} of
 * {@code conf/io.shimhost.registry.cfg}, else {@code state/} in the home folder.
 */
public final class LauncherHome {

    /** The operator's registry configuration file, relative to the home folder. */
    public static final Path REGISTRY_CFG = Path.of("conf", "io.shimhost.registry.cfg");

    private LauncherHome() {
    }

    /** The launcher's home: the property if set, else the folder of the launcher jar, else the working folder. */
    public static Path home(String property, String classPath) {
        if (property != null && !property.isBlank()) {
            return Path.of(property);
        }
        if (classPath != null && classPath.endsWith(".jar") && !classPath.contains(java.io.File.pathSeparator)) {
            Path parent = Path.of(classPath).toAbsolutePath().getParent();
            if (parent != null) {
                return parent;
            }
        }
        return Path.of("");
    }

    /**
     * @param given the {@code shimhost.state} property, null or blank when not given
     * @return the state folder, absolute and normalized
     */
    public static Path stateFolder(Path home, String given) {
        Path chosen = given != null && !given.isBlank() ? Path.of(given)
                : configuredState(home.resolve(REGISTRY_CFG)).map(Path::of).orElse(home.resolve("state"));
        return chosen.toAbsolutePath().normalize();
    }

    /** {@code state.directory} of the operator's file, if it names one (a file that cannot be read names none). */
    static Optional<String> configuredState(Path cfg) {
        if (!Files.isRegularFile(cfg)) {
            return Optional.empty();
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(cfg, StandardCharsets.ISO_8859_1)) {
            properties.load(reader);
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
        String value = properties.getProperty("state.directory");
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }
}
