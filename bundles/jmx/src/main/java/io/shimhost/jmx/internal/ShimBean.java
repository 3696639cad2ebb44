package io.shimhost.jmx.internal;

import java.util.Map;

import javax.management.DynamicMBean;
import javax.management.NotCompliantMBeanException;
import javax.management.StandardMBean;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.shimhost.api.ShimException;
import io.shimhost.api.ShimProcess;
import io.shimhost.api.Signals;
import io.shimhost.api.registry.ShimRecord;
import io.shimhost.api.registry.ShimRegistry;
import io.shimhost.jmx.ShimMXBean;

/**
 * One shim's MXBean, made by {@link ShimBeans} through this component's factory with the shim's
 * id and {@code jmx.objectname}. Reads the shim's record when asked, so it is never stale; acts
 * through the shim's handle as the shell does.
 */
@Component(service = DynamicMBean.class, factory = ShimBean.FACTORY)
public final class ShimBean extends StandardMBean implements ShimMXBean {

    static final String FACTORY = "io.shimhost.jmx.shim";
    static final String ID = "shim.id";

    private final ShimRegistry registry;
    private final String id;

    @Activate
    public ShimBean(@Reference ShimRegistry registry, Map<String, Object> properties) throws NotCompliantMBeanException {
        super(ShimMXBean.class, true);
        this.registry = registry;
        this.id = (String) properties.get(ID);
    }

    private ShimRecord record() {
        return registry.record(id).filter(r -> r.shim().token().equals(id))
                .orElseThrow(() -> new IllegalArgumentException("Shim " + id + " is no longer in the table"));
    }

    @Override
    public String getId() {
        return id;
    }

    @Override
    public String getType() {
        return record().shim().type().toString();
    }

    @Override
    public String getContainer() {
        return record().shim().container();
    }

    @Override
    public String getSandbox() {
        return record().sandbox();
    }

    @Override
    public long getPid() {
        return record().shim().pid();
    }

    @Override
    public String getState() {
        return record().state();
    }

    @Override
    public String getStarted() {
        return record().shim().startTime().toString();
    }

    @Override
    public String getCgroup() {
        return record().shim().cgroup().orElse("");
    }

    @Override
    public String signal(String signal) {
        ShimRecord record = running("signal");
        try {
            int number = Signals.parse(signal);
            record.shim().signal(number);
            return "sent " + Signals.name(number) + " to shim " + id + " (pid " + record.shim().pid() + ")";
        } catch (ShimException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    @Override
    public String stop() {
        ShimProcess shim = running("stop").shim();
        try {
            shim.stop();
            return "stopped shim " + id + " (pid " + shim.pid() + ") with SIGKILL";
        } catch (ShimException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    @Override
    public String forget() {
        try {
            registry.forget(id);
            return "forgot shim " + id;
        } catch (ShimException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    private ShimRecord running(String verb) {
        ShimRecord record = record();
        if (!record.state().equals("running")) {
            throw new IllegalArgumentException("Cannot " + verb + " shim " + id + ": it is " + record.state());
        }
        return record;
    }
}
