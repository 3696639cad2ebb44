package io.shimhost.console.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.stream.Stream;

import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator's folders next to the launcher jar, watched by Felix FileInstall: {@code conf/}
 * for {@code .cfg} and {@code .config} files (activation waits until the files present at start
 * are in Configuration Admin, so that a script's first command already sees them) and
 * {@code deploy/} for bundles, installed and started when dropped in, updated when replaced,
 * uninstalled when removed, and {@code state/} for the shim registry's durable table (unless a
 * {@code conf/io.shimhost.registry.cfg} names another folder; the framework's own storage is a
 * temporary folder that a restart does not find again). With the framework property
 * {@value #HOME_PROPERTY} set, they are {@code HOME/conf}, {@code HOME/deploy} and {@code HOME/state};
 * {@value #STATE_PROPERTY} names another state folder.
 */
@Component(service = LauncherFolders.class)
public final class LauncherFolders {

    /** Framework (or system) property naming the launcher's home folder. */
    static final String HOME_PROPERTY = "shimhost.home";
    /** Framework (or system) property naming the state folder, instead of {@code HOME/state}. */
    static final String STATE_PROPERTY = "shimhost.state";

    private static final String REGISTRY_PID = "io.shimhost.registry";
    private static final String STATE_DIRECTORY = "state.directory";
    private static final Logger LOG = LoggerFactory.getLogger(LauncherFolders.class);
    private static final String FILEINSTALL_FACTORY_PID = "org.apache.felix.fileinstall";
    private static final String CONF_FILES = ".*\\.(cfg|config)";

    private final Path folder;
    private final String stateDirectory;
    private final List<String> problems = new ArrayList<>();

    /**
     * Points FileInstall at the folders that are safe to take code and configuration from, and the
     * registry at the state folder; waits for nothing (the launcher's main path does).
     */
    @Activate
    public LauncherFolders(@Reference(name = "configurationAdmin") ConfigurationAdmin configurationAdmin,
            BundleContext context) throws IOException {
        Path home = home(context.getProperty(HOME_PROPERTY), System.getProperty("java.class.path"))
                .toAbsolutePath().normalize();
        this.folder = home.resolve("conf");
        Path deploy = home.resolve("deploy");
        if (Files.isDirectory(deploy) && safe(deploy)) {
            watch(configurationAdmin, "deploy", deploy, ".*\\.jar");
        }
        if (Files.isDirectory(folder) && safe(folder)) {
            watch(configurationAdmin, "conf", folder, CONF_FILES);
        } else if (!Files.isDirectory(folder)) {
            LOG.atInfo().addKeyValue("folder", folder).log("No configuration folder; shim defaults apply");
        }
        String state = context.getProperty(STATE_PROPERTY);
        this.stateDirectory = state == null || state.isBlank()
                ? stateDirectory(configurationAdmin, home.resolve("state"), false)
                : stateDirectory(configurationAdmin, Path.of(state).toAbsolutePath().normalize(), true);
    }

    /** @return why the launcher must not go on (an unsafe folder), one line each; empty when it may */
    List<String> problems() {
        return List.copyOf(problems);
    }

    /** @return the configuration files FileInstall applies from conf/ */
    List<Path> configurationFiles() throws IOException {
        if (!Files.isDirectory(folder) || !problems.isEmpty()) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.filter(p -> p.getFileName().toString().matches(CONF_FILES)).sorted().toList();
        }
    }

    /** Whoever can write conf/ or deploy/ runs code as root: refused unless only its owner, this user, can. */
    private boolean safe(Path dir) throws IOException {
        OperatorFolder.problem(dir).ifPresent(problems::add);
        return problems.isEmpty();
    }

    /** @return the state folder the shim registry is configured to use */
    String stateDirectory() {
        return stateDirectory;
    }

    /**
     * The folder given on the command line wins, then the operator's conf/, then {@code state/}
     * next to the jar; the registry is told the one chosen.
     */
    private static String stateDirectory(ConfigurationAdmin configurationAdmin, Path state, boolean given)
            throws IOException {
        Configuration registry = configurationAdmin.getConfiguration(REGISTRY_PID, "?");
        Dictionary<String, Object> current = registry.getProperties();
        Object configured = current == null ? null : current.get(STATE_DIRECTORY);
        if (!given && configured != null && !configured.toString().isBlank()) {
            return configured.toString();
        }
        Hashtable<String, Object> properties = new Hashtable<>();
        if (current != null) {
            Collections.list(current.keys()).forEach(k -> properties.put(k, current.get(k)));
        }
        properties.put(STATE_DIRECTORY, state.toString());
        registry.update(properties);
        return state.toString();
    }

    static String escape(String value) {
        return value.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)").replace("*", "\\*");
    }

    /** The launcher's home: the property if set, else the folder of the launcher jar, else the working folder. */
    static Path home(String property, String classPath) {
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

    private static void watch(ConfigurationAdmin configurationAdmin, String name, Path dir, String filter)
            throws IOException {
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put("felix.fileinstall.dir", dir.toString());
        properties.put("felix.fileinstall.filter", filter);
        properties.put("felix.fileinstall.poll", "1000");
        // warnings too (a jar that is no bundle, a bundle that cannot resolve), to the Log Service
        properties.put("felix.fileinstall.log.level", "2");
        properties.put("felix.fileinstall.noInitialDelay", "true");
        Configuration watcher = configurationAdmin.getFactoryConfiguration(FILEINSTALL_FACTORY_PID, name, "?");
        watcher.updateIfDifferent(properties);
    }

    /** FileInstall marks each configuration with its file as java.io.File#toURI writes it (file:/x, not file:///x). */
    static boolean applied(ConfigurationAdmin configurationAdmin, Path file) throws IOException {
        String url = escape(file.toFile().toURI().toString());
        try {
            return configurationAdmin.listConfigurations("(felix.fileinstall.filename=" + url + ")") != null;
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException("filter for " + file, e);
        }
    }
}
