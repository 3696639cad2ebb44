package io.shimhost.jmx.internal;

import java.util.Map;
import java.util.TreeMap;

import javax.management.DynamicMBean;
import javax.management.NotCompliantMBeanException;
import javax.management.StandardMBean;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.shimhost.api.ShimType;
import io.shimhost.api.registry.ShimRecord;
import io.shimhost.api.registry.ShimRegistry;
import io.shimhost.jmx.RegistryMXBean;

/** The registry's MXBean, a service with its {@code jmx.objectname}: read from the table when asked. */
@Component(service = DynamicMBean.class, property = "jmx.objectname=" + RegistryMXBean.OBJECT_NAME)
public final class RegistryBean extends StandardMBean implements RegistryMXBean {

    private final ShimRegistry registry;

    @Activate
    public RegistryBean(@Reference ShimRegistry registry) throws NotCompliantMBeanException {
        super(RegistryMXBean.class, true);
        this.registry = registry;
    }

    @Override
    public int getRunning() {
        return (int) registry.table().stream().filter(r -> r.state().equals("running")).count();
    }

    @Override
    public int getTotal() {
        return registry.table().size();
    }

    @Override
    public Map<String, Integer> getStates() {
        Map<String, Integer> states = new TreeMap<>();
        for (ShimRecord r : registry.table()) {
            states.merge(r.state(), 1, Integer::sum);
        }
        return states;
    }

    @Override
    public String[] getTypes() {
        return registry.deployedTypes().stream().map(ShimType::toString).sorted().toArray(String[]::new);
    }
}
