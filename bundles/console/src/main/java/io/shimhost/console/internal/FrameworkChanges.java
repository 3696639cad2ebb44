package io.shimhost.console.internal;

import java.util.concurrent.TimeUnit;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceEvent;
import org.osgi.framework.ServiceListener;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.ConfigurationEvent;
import org.osgi.service.cm.ConfigurationListener;

/**
 * Wakes a waiting thread when something it may be waiting for has happened in the framework: a
 * service came, changed or went (SCR bumps its {@code service.changecount} when a component
 * changes state), or a configuration changed. Waiting on it replaces polling with sleeps.
 */
final class FrameworkChanges implements AutoCloseable {

    private final BundleContext context;
    private final ServiceListener services = this::serviceChanged;
    private final ServiceRegistration<ConfigurationListener> configurations;
    private long count;

    FrameworkChanges(BundleContext context) {
        this.context = context;
        context.addServiceListener(services);
        ConfigurationListener listener = this::configurationChanged;
        this.configurations = context.registerService(ConfigurationListener.class, listener, null);
    }

    /** @return a mark to wait past */
    synchronized long mark() {
        return count;
    }

    /**
     * Waits until something changed since the mark, or the time is up.
     *
     * @param mark from {@link #mark()}
     * @param millis how long at most
     */
    synchronized void awaitChangeSince(long mark, long millis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (count == mark) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left <= 0) {
                return;
            }
            wait(left);
        }
    }

    private synchronized void changed() {
        count++;
        notifyAll();
    }

    private void serviceChanged(ServiceEvent event) {
        changed();
    }

    private void configurationChanged(ConfigurationEvent event) {
        changed();
    }

    @Override
    public void close() {
        context.removeServiceListener(services);
        configurations.unregister();
    }
}
