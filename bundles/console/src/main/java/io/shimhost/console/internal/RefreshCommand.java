package io.shimhost.console.internal;

import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.felix.service.command.Descriptor;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.wiring.FrameworkWiring;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * {@code refresh [ID...]}: Felix's own ({@code felix:refresh} of gogo.command 1.1.2) fails with a
 * NullPointerException when given no bundle. This one refreshes the bundles given, or every bundle
 * that needs it when none is, and returns once the framework has done so. Its scope comes first in
 * the launcher's sessions ({@link Sessions#SCOPE}).
 */
@Component(service = Object.class, property = { "osgi.command.scope=framework", "osgi.command.function=refresh" })
public final class RefreshCommand {

    private static final long LIMIT_SECONDS = 60;

    private final BundleContext context;

    @Activate
    public RefreshCommand(BundleContext context) {
        this.context = context;
    }

    @Descriptor("refresh the bundles given (ids), or every bundle that needs it, and wait until it is done")
    public void refresh(@Descriptor("bundles to refresh; none: every bundle that needs it") Bundle... bundles)
            throws InterruptedException {
        FrameworkWiring wiring = context.getBundle(0).adapt(FrameworkWiring.class);
        CountDownLatch done = new CountDownLatch(1);
        wiring.refreshBundles(bundles == null || bundles.length == 0 ? null : Arrays.asList(bundles), event -> {
            if (event.getType() == FrameworkEvent.PACKAGES_REFRESHED) {
                done.countDown();
            }
        });
        if (!done.await(LIMIT_SECONDS, TimeUnit.SECONDS)) {
            throw new IllegalStateException("The framework has not finished the refresh within " + LIMIT_SECONDS
                    + " s; it goes on");
        }
    }
}
