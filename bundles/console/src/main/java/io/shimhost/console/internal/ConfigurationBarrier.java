package io.shimhost.console.internal;

import java.io.IOException;
import java.time.Duration;
import java.util.Hashtable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.cm.ConfigurationEvent;
import org.osgi.service.cm.ConfigurationListener;

/**
 * Waits until every configuration change made so far has been handed to every configuration
 * listener, SCR included, which re-configures its components while it handles the event.
 * Configuration Admin delivers events in order, one after another, on one thread: once an event
 * of a change made now reaches a listener of our own, SCR has handled every earlier one.
 */
final class ConfigurationBarrier {

    private static final String PID = "io.shimhost.console.barrier";

    private ConfigurationBarrier() {
    }

    /** @return whether the barrier was passed within the limit */
    static boolean pass(BundleContext context, ConfigurationAdmin configurationAdmin, Duration limit)
            throws IOException, InterruptedException {
        CountDownLatch passed = new CountDownLatch(1);
        ConfigurationListener listener = event -> {
            if (PID.equals(event.getPid()) && event.getType() == ConfigurationEvent.CM_UPDATED) {
                passed.countDown();
            }
        };
        ServiceRegistration<ConfigurationListener> registration = context.registerService(ConfigurationListener.class,
                listener, null);
        Configuration barrier = configurationAdmin.getConfiguration(PID, "?");
        try {
            Hashtable<String, Object> properties = new Hashtable<>();
            properties.put("passed", System.nanoTime());
            barrier.update(properties);
            return passed.await(limit.toMillis(), TimeUnit.MILLISECONDS);
        } finally {
            registration.unregister();
            barrier.delete();
        }
    }
}
