package io.shimhost.console.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;

import org.apache.felix.service.command.CommandProcessor;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.SynchronousBundleListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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

    private final BundleContext context;
    private final Supplier<ServiceManager> serviceManager;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Path socket;
    private final String group;

    /**
     * @param socket the control socket's path
     * @param group a group whose members may use the control socket too; empty for none
     */
    Daemon(BundleContext context, Supplier<ServiceManager> serviceManager, Path socket, String group) {
        this.context = context;
        this.serviceManager = serviceManager;
        this.socket = socket;
        this.group = group;
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
        try (ControlSocket control = ControlSocket.open(socket, processor, group,
                ControlLimits.of(context::getProperty))) {
            String status = status();
            tell("READY=1\nSTATUS=" + status);
            LOG.atInfo().addKeyValue("status", status).addKeyValue("socket", control.path())
                    .log("shimhost daemon ready");
            stopped.await();
            return ScriptRunner.SUCCESS;
        } catch (IOException | IllegalArgumentException e) {
            err.println("shimhost: " + e.getMessage());
            return ScriptRunner.FAILURE;
        } finally {
            context.removeBundleListener(frameworkStopping);
        }
    }

    /** The framework is stopping: tells the service manager once and ends the wait. */
    synchronized void stopping() {
        if (stopped.getCount() > 0) {
            tell("STOPPING=1");
            stopped.countDown();
        }
    }

    private String status() {
        ServiceReference<ShimRegistry> ref = context.getServiceReference(ShimRegistry.class);
        ShimRegistry registry = ref == null ? null : context.getService(ref);
        if (registry == null) {
            return "no shim registry";
        }
        try {
            long running = registry.table().stream().map(ShimRecord::shim).filter(s -> s.isRunning()).count();
            return running + (running == 1 ? " shim" : " shims") + " running";
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
