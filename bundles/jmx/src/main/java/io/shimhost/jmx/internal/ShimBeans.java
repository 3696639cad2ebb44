package io.shimhost.jmx.internal;

import java.util.Hashtable;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.management.ObjectName;

import org.osgi.service.component.ComponentFactory;
import org.osgi.service.component.ComponentInstance;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;

import io.shimhost.api.registry.ShimEvents;
import io.shimhost.api.registry.ShimRegistry;
import io.shimhost.jmx.ShimMXBean;

/**
 * One {@link ShimBean} per shim of the table: made for every shim there at activation and for each
 * one started or adopted since, disposed of when it is forgotten (its record gone), as the
 * registry's events say. Immediate: made when the registry is there, never first by Event Admin
 * delivering an event, which may happen while the framework stops and the registry is gone (SCR then
 * cannot make it, and Event Admin logs an error).
 */
@Component(immediate = true, property = EventConstants.EVENT_TOPIC + "=" + ShimEvents.TOPIC_PREFIX + "*")
public final class ShimBeans implements EventHandler {

    private final ShimRegistry registry;
    private final ComponentFactory<ShimBean> factory;
    private final Map<String, ComponentInstance<ShimBean>> beans = new ConcurrentHashMap<>();

    @Activate
    public ShimBeans(@Reference ShimRegistry registry,
            @Reference(target = "(component.factory=" + ShimBean.FACTORY + ")") ComponentFactory<ShimBean> factory) {
        this.registry = registry;
        this.factory = factory;
        registry.table().forEach(r -> make(r.shim().token()));
    }

    @Deactivate
    void deactivate() {
        beans.values().forEach(ComponentInstance::dispose);
        beans.clear();
    }

    @Override
    public void handleEvent(Event event) {
        Object id = event.getProperty(ShimEvents.ID);
        if (!(id instanceof String token)) {
            return;
        }
        Object what = event.getProperty(ShimEvents.EVENT);
        if (ShimEvents.STARTED.equals(what) || ShimEvents.ADOPTED.equals(what)) {
            make(token);
        } else if (ShimEvents.FORGOTTEN.equals(what)
                && registry.record(token).filter(r -> r.shim().token().equals(token)).isEmpty()) {
            ComponentInstance<ShimBean> bean = beans.remove(token);
            if (bean != null) {
                bean.dispose();
            }
        }
    }

    /** An id as a name's value: as it is, unless it holds a character a value may not hold unquoted. */
    static String nameValue(String id) {
        return id.isEmpty() || id.chars().anyMatch(c -> ",=:\"*?\n\\ ".indexOf(c) >= 0) ? ObjectName.quote(id) : id;
    }

    private void make(String id) {
        beans.computeIfAbsent(id, k -> {
            Hashtable<String, Object> properties = new Hashtable<>();
            properties.put(ShimBean.ID, id);
            properties.put("jmx.objectname", ShimMXBean.OBJECT_NAME_PREFIX + nameValue(id));
            return factory.newInstance(properties);
        });
    }
}
