package io.shimhost.console.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.shimhost.ctl.home.LauncherHome;

/**
 * The operator's folders next to the launcher jar, watched by Felix FileInstall: {@code conf/}
 * for {@code .cfg} and {@code .config} files (activation waits until the files present at start
 * are in Configuration Admin, so that a script's first command already sees them) and
 * {@code deploy/} for bundles, installed and started when dropped in, updated when replaced,
 * uninstalled when removed, and {@code state/} for the shim registry's durable table (unless a
 * {@code conf/io.shimhost.registry.cfg} names another folder; the framework's own storage is a
 * temporary folder that a restart does not find again). The folder chosen goes to the registry in a
 * configuration of the launcher's own ({@value #LAUNCHER_STATE_PID}), which the registry merges over
 * the operator's: the operator's file stays the operator's, whatever it holds. With the framework property
 * {@value #HOME_PROPERTY} set, they are {@code HOME/conf}, {@code HOME/deploy} and {@code HOME/state};
 * {@value #STATE_PROPERTY} names another state folder.
 */
@Component(service = LauncherFolders.class, immediate = true)
public final class LauncherFolders {

    /** Framework (or system) property naming the launcher's home folder. */
    static final String HOME_PROPERTY = "shimhost.home";
    /** Framework (or system) property naming the state folder, instead of {@code HOME/state}. */
    static final String STATE_PROPERTY = "shimhost.state";

    /** The registry's second configuration PID, written by the launcher only (never from a file). */
    static final String LAUNCHER_STATE_PID = "io.shimhost.registry.launcher";
    private static final String REGISTRY_PID = "io.shimhost.registry";
    /** The one key of the registry configuration the launcher makes where the operator made none. */
    static final String PLACEHOLDER = "shimhost.placeholder";
    private static final String STATE_DIRECTORY = "state.directory";
    private static final Logger LOG = LoggerFactory.getLogger(LauncherFolders.class);
    private static final String FILEINSTALL_FACTORY_PID = "org.apache.felix.fileinstall";
    private static final String CONF_FILES = ".*\\.(cfg|config)";

    /** Framework (or system) property naming the control socket, instead of {@code STATE/shimhost.sock}. */
    static final String SOCKET_PROPERTY = "shimhost.socket";
    /** Framework (or system) property naming the HTTP API's socket, instead of {@code api.sock} beside the control socket. */
    static final String API_SOCKET_PROPERTY = "shimhost.api.socket";

    private final Path folder;
    private final String stateDirectory;
    private final Path socket;
    private final Path apiSocket;
    private final Optional<RunningDaemon> daemon;
    /** Where the registry is sent while a daemon holds the state folder; removed at the end. */
    private Path aside;
    private final List<String> problems = new ArrayList<>();

    /**
     * Points FileInstall at the folders that are safe to take code and configuration from, and the
     * registry at the state folder; waits for nothing (the launcher's main path does).
     */
    @Activate
    public LauncherFolders(@Reference(name = "configurationAdmin") ConfigurationAdmin configurationAdmin,
            BundleContext context) throws IOException {
        Path home = LauncherHome.home(context.getProperty(HOME_PROPERTY), System.getProperty("java.class.path"))
                .toAbsolutePath().normalize();
        this.stateDirectory = LauncherHome.stateFolder(home, context.getProperty(STATE_PROPERTY)).toString();
        String socketProperty = context.getProperty(SOCKET_PROPERTY);
        this.socket = socketProperty != null && !socketProperty.isBlank() ? Path.of(socketProperty).toAbsolutePath()
                : Path.of(stateDirectory, "shimhost.sock");
        String apiProperty = context.getProperty(API_SOCKET_PROPERTY);
        this.apiSocket = apiProperty != null && !apiProperty.isBlank() ? Path.of(apiProperty).toAbsolutePath()
                : socket.resolveSibling("api.sock");
        this.folder = home.resolve("conf");
        this.daemon = RunningDaemon.on(Path.of(stateDirectory), socket);
        if (daemon.isPresent()) {
            // the launcher ends at once: nothing of the operator's is applied, and the registry is kept off the folder
            aside = Files.createTempDirectory("shimhost-aside-");
            configureRegistry(configurationAdmin, aside.toString());
            return;
        }
        configureRegistry(configurationAdmin, stateDirectory);
        Path deploy = home.resolve("deploy");
        if (Files.isDirectory(deploy) && safe(deploy)) {
            watch(configurationAdmin, "deploy", deploy, ".*\\.jar");
        }
        if (Files.isDirectory(folder) && safe(folder)) {
            watch(configurationAdmin, "conf", folder, CONF_FILES);
        } else if (!Files.isDirectory(folder)) {
            LOG.atInfo().addKeyValue("folder", folder).log("No configuration folder; shim defaults apply");
        }
    }

    /** @return the daemon that already runs on the state folder, if one does: the launcher must not go on */
    Optional<RunningDaemon> runningDaemon() {
        return daemon;
    }

    /** @return the control socket: {@value #SOCKET_PROPERTY} if set, else {@code shimhost.sock} in the state folder */
    Path controlSocket() {
        return socket;
    }

    /**
     * @return the HTTP API's socket: {@value #API_SOCKET_PROPERTY} if set, else {@code api.sock} beside
     *         the control socket
     */
    Path apiSocket() {
        return apiSocket;
    }

    /** Removes the folder the registry was sent to while a daemon held the state folder. */
    @Deactivate
    void deactivate() throws IOException {
        if (aside != null) {
            try (Stream<Path> files = Files.walk(aside)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
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
     * Tells the registry the state folder. Felix SCR applies a component's configurations at its
     * start only up to the first PID that has none, so the operator's PID, which comes first, is made
     * here when missing: before conf/ is watched, so that it never overwrites the file's. It holds one
     * key no file holds, or FileInstall would take a file with no keys for applied already and leave
     * it unmarked.
     */
    private static void configureRegistry(ConfigurationAdmin configurationAdmin, String stateDirectory)
            throws IOException {
        Configuration operators = configurationAdmin.getConfiguration(REGISTRY_PID, "?");
        if (operators.getProperties() == null) {
            operators.update(new Hashtable<>(Map.of(PLACEHOLDER, true)));
        }
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(STATE_DIRECTORY, stateDirectory);
        configurationAdmin.getConfiguration(LAUNCHER_STATE_PID, "?").updateIfDifferent(properties);
    }

    static String escape(String value) {
        return value.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)").replace("*", "\\*");
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
