package io.shimhost.console.internal;

import java.time.Duration;

import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.launch.Framework;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops the framework when the JVM is asked to end (SIGTERM, SIGINT, System.exit), so that every
 * component is deactivated. The bnd launcher has no such hook: without it, SIGTERM ends the JVM
 * with the components still active.
 */
@Component
public final class TerminationHook {

    private static final Logger LOG = LoggerFactory.getLogger(TerminationHook.class);
    private static final Duration STOP_LIMIT = Duration.ofSeconds(30);

    private final Thread hook;

    @Activate
    public TerminationHook(BundleContext context) {
        Framework framework = (Framework) context.getBundle(Constants.SYSTEM_BUNDLE_LOCATION);
        this.hook = new Thread(() -> stop(framework), "shimhost-termination");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    @Deactivate
    void deactivate() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the JVM is ending and this hook is what stops the framework
        }
    }

    private static void stop(Framework framework) {
        try {
            framework.stop();
            framework.waitForStop(STOP_LIMIT.toMillis());
        } catch (BundleException | InterruptedException e) {
            LOG.atError().setCause(e).log("Could not stop the framework cleanly on termination");
        }
    }
}
