package io.shimhost.console.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.apache.felix.service.command.CommandProcessor;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.SynchronousBundleListener;
import org.osgi.service.cm.ConfigurationAdmin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.shimhost.api.PeerAccess;
import io.shimhost.api.ServiceManager;
import io.shimhost.api.ShimException;
import io.shimhost.api.registry.ShimRecord;
import io.shimhost.api.registry.ShimRegistry;

/**
 * The launcher as a service ({@code --daemon}): once the node is ready it tells the service
 * manager so ({@code READY=1} and the number of running shims), listens on its control socket
 * ({@link ControlSocket}), reads no input, and runs until the framework stops (SIGTERM or SIGINT
 * stop it), telling the service manager {@code STOPPING=1}.
 * Shims keep running; the next start adopts them.
 */
final class Daemon {

    private static final Logger LOG = LoggerFactory.getLogger(Daemon.class);
    /** How often the status systemd shows is brought up to date: at most once a second. */
    private static final long STATUS_PERIOD_MILLIS = 1000;

    private final BundleContext context;
    private final Supplier<ServiceManager> serviceManager;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Path socket;
    private final PeerAccess access;
    private final ConfigurationAdmin configurationAdmin;
    private final Path apiSocket;
    private final String stateFolder;

    /**
     * @param socket the control socket's path
     * @param access who may use the control socket
     * @param apiSocket where the HTTP API listens
     * @param stateFolder the state folder, for the ready line
     */
    Daemon(BundleContext context, Supplier<ServiceManager> serviceManager, Path socket, PeerAccess access,
            ConfigurationAdmin configurationAdmin, Path apiSocket, String stateFolder) {
        this.context = context;
        this.serviceManager = serviceManager;
        this.socket = socket;
        this.access = access;
        this.configurationAdmin = configurationAdmin;
        this.apiSocket = apiSocket;
        this.stateFolder = stateFolder;
    }

    /**
     * Runs until the framework starts to stop; the node must be ready. STOPPING=1 is sent as the
     * framework starts to stop (the system bundle's STOPPING event), while the core bundle that
     * sends it is still there.
     */
    int run(CommandProcessor processor, PrintStream err) throws InterruptedException {
        SynchronousBundleListener frameworkStopping = event -> {
            if (event.getBundle().getBundleId() == 0 && event.getType() == BundleEvent.STOPPING) {
                stopping();
            }
        };
        context.addBundleListener(frameworkStopping);
        Optional<ApiDoor> api = Optional.empty();
        try (JmxExport jmx = JmxExport.open(configurationAdmin)) {
            // the API first: once the control socket answers, so does the API
            api = ApiDoor.open(context, configurationAdmin, apiSocket);
            return serve(processor, api);
        } catch (IOException | IllegalArgumentException e) {
            err.println("shimhost: " + e.getMessage());
            return ScriptRunner.FAILURE;
        } finally {
            context.removeBundleListener(frameworkStopping);
            closeApi(api);
        }
    }

    /** Listens on the control socket until the framework starts to stop. */
    private int serve(CommandProcessor processor, Optional<ApiDoor> api) throws IOException, InterruptedException {
        try (ControlSocket control = ControlSocket.open(socket, processor, access,
                ControlLimits.of(context::getProperty))) {
            String status = status();
            tell("READY=1\nSTATUS=" + status);
            LOG.atInfo().addKeyValue("status", status).addKeyValue("socket", control.path())
                    .addKeyValue("api", api.map(ApiDoor::socket).orElse(null))
                    .addKeyValue("state", stateFolder).log(readyLine(control.path(), api, status));
            Optional<Watchdog> watchdog = Watchdog.of(System.getenv("WATCHDOG_USEC"));
            long period = watchdog.map(w -> Math.min(STATUS_PERIOD_MILLIS, Math.max(1, w.half().toMillis() / 2)))
                    .orElse(STATUS_PERIOD_MILLIS);
            while (!stopped.await(period, TimeUnit.MILLISECONDS)) {
                String now = status();
                if (!now.equals(status)) {
                    tell("STATUS=" + now);
                    status = now;
                }
                if (watchdog.isPresent() && watchdog.get().due(context)) {
                    tell("WATCHDOG=1");
                }
            }
            return ScriptRunner.SUCCESS;
        }
    }

    private static void closeApi(Optional<ApiDoor> api) {
        try {
            if (api.isPresent()) {
                api.get().close();
            }
        } catch (IOException | IllegalStateException e) {
            // the framework is stopping: Configuration Admin, and with it the API, goes away anyway
        }
    }

    /** The framework is stopping: tells the service manager once and ends the wait. */
    synchronized void stopping() {
        if (stopped.getCount() > 0) {
            tell("STOPPING=1");
            stopped.countDown();
        }
    }

    /** The status systemd shows: how many shims run. */
    private String status() {
        return withRegistry(registry -> {
            long running = registry.table().stream().map(ShimRecord::shim).filter(s -> s.isRunning()).count();
            return running + (running == 1 ? " shim" : " shims") + " running";
        });
    }

    /** The one line an operator reads in the journal when the daemon is up. */
    private String readyLine(Path socketPath, Optional<ApiDoor> api, String status) {
        String version = context.getBundle().getVersion().toString();
        return "shimhost " + version + " ready: state folder " + stateFolder + ", socket " + socketPath
                + api.map(a -> ", API " + a.socket()).orElse("") + ", "
                + withRegistry(registry -> "types " + registry.deployed().stream().map(d -> d.type().name()).sorted()
                        .distinct().collect(Collectors.joining(", ")) + "; " + status + ", "
                        + registry.table().stream().filter(r -> r.supervision() == ShimRecord.Supervision.ADOPTED)
                                .count() + " adopted");
    }

    private String withRegistry(Function<ShimRegistry, String> ask) {
        ServiceReference<ShimRegistry> ref = context.getServiceReference(ShimRegistry.class);
        ShimRegistry registry = ref == null ? null : context.getService(ref);
        if (registry == null) {
            return "no shim registry";
        }
        try {
            return ask.apply(registry);
        } finally {
            context.ungetService(ref);
        }
    }

    /** A service manager that cannot be told is worth a warning, not a stop: the node works without it. */
    private void tell(String state) {
        ServiceManager manager = serviceManager.get();
        if (manager == null || !manager.listening()) {
            return;
        }
        try {
            manager.notify(state);
        } catch (ShimException e) {
            LOG.atWarn().addKeyValue("state", state.replace('\n', ' ')).log(e.getMessage());
        }
    }
}
