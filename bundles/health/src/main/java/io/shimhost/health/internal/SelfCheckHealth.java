package io.shimhost.health.internal;

import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.felix.hc.api.HealthCheck;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import io.shimhost.api.audit.SelfCheck;

/**
 * Registers one Felix Health Check for each self-check service (the core's, the registry's, a
 * vendor's), named after the bundle that provides it and tagged {@value #TAG}. A health check
 * comes and goes with its self-check, so a stopped core shows as a missing check and, through the
 * registry's check, as CRITICAL while shims are unverified.
 */
@Component(immediate = true)
public final class SelfCheckHealth {

    /** The tag of every shimhost health check: {@code hc:exec -t shimhost}. */
    static final String TAG = "shimhost";

    private final BundleContext context;
    private final Map<Long, ServiceRegistration<HealthCheck>> registered = new ConcurrentHashMap<>();
    private volatile boolean active = true;

    @Activate
    public SelfCheckHealth(BundleContext context) {
        this.context = context;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addCheck(ServiceReference<SelfCheck> ref, SelfCheck check) {
        if (!active) {
            return;
        }
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(HealthCheck.NAME, name(ref));
        properties.put(HealthCheck.TAGS, new String[] {TAG});
        registered.put(serviceId(ref), context.registerService(HealthCheck.class, new SelfCheckResult(check), properties));
    }

    void removeCheck(ServiceReference<SelfCheck> ref) {
        ServiceRegistration<HealthCheck> registration = registered.remove(serviceId(ref));
        if (registration != null) {
            unregister(registration);
        }
    }

    @Deactivate
    void deactivate() {
        active = false;
        registered.values().forEach(SelfCheckHealth::unregister);
        registered.clear();
    }

    /** {@code shimhost core} for io.shimhost.core; another bundle's checks by its symbolic name. */
    static String name(ServiceReference<?> ref) {
        Bundle bundle = ref.getBundle();
        String bsn = bundle == null ? "service " + serviceId(ref) : bundle.getSymbolicName();
        return "shimhost " + (bsn.startsWith("io.shimhost.") ? bsn.substring("io.shimhost.".length()) : bsn);
    }

    private static long serviceId(ServiceReference<?> ref) {
        return (Long) ref.getProperty(Constants.SERVICE_ID);
    }

    private static void unregister(ServiceRegistration<?> registration) {
        try {
            registration.unregister();
        } catch (IllegalStateException e) {
            // unregistered already: this bundle is stopping
        }
    }
}
