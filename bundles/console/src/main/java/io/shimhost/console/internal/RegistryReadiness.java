package io.shimhost.console.internal;

import java.time.Duration;
import java.util.Optional;

import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.util.tracker.ServiceTracker;

/**
 * Waits, on the launcher's main thread once every bundle has started, until the shim registry
 * runs on the launcher's state folder and the {@code shim} commands are there. Configuration
 * reaches the registry on Configuration Admin's thread, and a registry that cannot take the
 * folder (another shimhost holds it) must end the launcher with a message rather than hang it.
 */
final class RegistryReadiness {

    private static final Duration LIMIT = Duration.ofSeconds(10);

    private RegistryReadiness() {
    }

    /** @return what did not come up in time, or empty */
    static Optional<String> await(BundleContext context, String stateDirectory) throws InterruptedException {
        String registry = "(&(objectClass=io.shimhost.api.registry.ShimRegistry)(state.directory="
                + LauncherFolders.escape(stateDirectory) + "))";
        if (!service(context, registry)) {
            return Optional.of("the shim registry did not start on state directory " + stateDirectory + " within "
                    + LIMIT.toSeconds() + " s (is another shimhost using it? see the log)");
        }
        if (!service(context, "(osgi.command.scope=shim)")) {
            return Optional.of("the shim commands did not come up within " + LIMIT.toSeconds() + " s; see the log");
        }
        return Optional.empty();
    }

    /** Getting the service activates the registry: a registry that fails to activate is not found. */
    private static boolean service(BundleContext context, String filter) throws InterruptedException {
        ServiceTracker<Object, Object> tracker;
        try {
            tracker = new ServiceTracker<>(context, context.createFilter(filter), null);
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException("filter " + filter, e);
        }
        tracker.open(true);
        try {
            return tracker.waitForService(LIMIT.toMillis()) != null;
        } finally {
            tracker.close();
        }
    }
}
