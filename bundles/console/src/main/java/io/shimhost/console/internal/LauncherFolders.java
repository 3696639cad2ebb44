package io.shimhost.console.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
    private static final Duration APPLY_LIMIT = Duration.ofSeconds(10);

    private final Path folder;
    private final String stateDirectory;

    @Activate
    public LauncherFolders(@Reference(name = "configurationAdmin") ConfigurationAdmin configurationAdmin,
            BundleContext context) throws IOException, InterruptedException {
        Path home = home(context.getProperty(HOME_PROPERTY), System.getProperty("java.class.path"))
                .toAbsolutePath().normalize();
        this.folder = home.resolve("conf");
        Path deploy = home.resolve("deploy");
        if (Files.isDirectory(deploy)) {
            watch(configurationAdmin, "deploy", deploy, ".*\\.jar");
        }
        if (Files.isDirectory(folder)) {
            watch(configurationAdmin, "conf", folder, ".*\\.(cfg|config)");
            awaitApplied(configurationAdmin);
        } else {
            LOG.atInfo().addKeyValue("folder", folder).log("No configuration folder; shim defaults apply");
        }
        String state = context.getProperty(STATE_PROPERTY);
        this.stateDirectory = state == null || state.isBlank()
                ? stateDirectory(configurationAdmin, home.resolve("state"), false)
                : stateDirectory(configurationAdmin, Path.of(state).toAbsolutePath().normalize(), true);
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
        properties.put("felix.fileinstall.noInitialDelay", "true");
        // the operator's files are theirs: never write Configuration Admin changes back into them
        properties.put("felix.fileinstall.enableConfigSave", "false");
        Configuration watcher = configurationAdmin.getFactoryConfiguration(FILEINSTALL_FACTORY_PID, name, "?");
        watcher.updateIfDifferent(properties);
    }

    /** FileInstall applies the files on its own thread; its first scan is short, so a bounded poll will do. */
    private void awaitApplied(ConfigurationAdmin configurationAdmin) throws IOException, InterruptedException {
        List<Path> files;
        try (Stream<Path> entries = Files.list(folder)) {
            files = entries.filter(p -> p.getFileName().toString().matches(".*\\.(cfg|config)")).sorted().toList();
        }
        long deadline = System.nanoTime() + APPLY_LIMIT.toNanos();
        for (Path file : files) {
            while (!applied(configurationAdmin, file)) {
                if (System.nanoTime() > deadline) {
                    LOG.atWarn().addKeyValue("file", file).addKeyValue("limit", APPLY_LIMIT)
                            .log("Configuration file not applied in time; starting without it");
                    return;
                }
                Thread.sleep(10);
            }
        }
    }

    /** FileInstall marks each configuration with its file as java.io.File#toURI writes it (file:/x, not file:///x). */
    private static boolean applied(ConfigurationAdmin configurationAdmin, Path file) throws IOException {
        String url = escape(file.toFile().toURI().toString());
        try {
            return configurationAdmin.listConfigurations("(felix.fileinstall.filename=" + url + ")") != null;
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException("filter for " + file, e);
        }
    }
}
