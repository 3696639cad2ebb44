package io.shimhost.console.internal;

import java.time.Duration;
import java.util.Optional;

import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;

/**
 * Waits, on the launcher's main thread once every bundle has started, until the shim registry
 * runs on the launcher's state folder and the {@code shim} commands are there. Configuration
 * reaches the registry on Configuration Admin's thread; a registry that cannot take the folder
 * (another shimhost holds it) must end the launcher with a message rather than hang it.
 */
final class RegistryReadiness {

    private static final Duration LIMIT = Duration.ofSeconds(10);

    private RegistryReadiness() {
    }

    /** @return what did not come up, or empty */
    static Optional<String> await(BundleContext context, String stateDirectory) throws InterruptedException {
        String registry = "(&(objectClass=io.shimhost.api.registry.ShimRegistry)(state.directory="
                + LauncherFolders.escape(stateDirectory) + "))";
        long deadline = System.nanoTime() + LIMIT.toNanos();
        Optional<String> problem = await(context, registry, deadline)
                .map(p -> "the shim registry on state directory " + stateDirectory + " " + p);
        return problem.isPresent() ? problem
                : await(context, "(osgi.command.scope=shim)", deadline).map(p -> "the shim commands " + p);
    }

    /** A service that is registered but cannot be got failed to activate: no use waiting for it. */
    private static Optional<String> await(BundleContext context, String filter, long deadline)
            throws InterruptedException {
        while (true) {
            ServiceReference<?>[] refs;
            try {
                refs = context.getAllServiceReferences(null, filter);
            } catch (InvalidSyntaxException e) {
                throw new IllegalStateException("filter " + filter, e);
            }
            if (refs != null) {
                if (context.getService(refs[0]) == null) {
                    return Optional.of("failed to start: see the error above (is another shimhost using the folder?)");
                }
                context.ungetService(refs[0]);
                return Optional.empty();
            }
            if (System.nanoTime() > deadline) {
                return Optional.of("did not come up within " + LIMIT.toSeconds() + " s; see the log");
            }
            Thread.sleep(10);
        }
    }
}
