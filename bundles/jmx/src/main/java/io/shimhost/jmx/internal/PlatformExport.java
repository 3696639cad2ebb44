package io.shimhost.jmx.internal;

import java.lang.management.ManagementFactory;
import java.util.Map;

import javax.management.DynamicMBean;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JMX whiteboard of the executable jar's daemon: every MBean service with a
 * {@code jmx.objectname} goes into the JVM's platform MBean server, which local tools (JConsole,
 * VisualVM, jmxterm, {@code jcmd}) reach by attaching to the process: no port is opened. Only the
 * daemon turns it on (configuration {@value #PID}); Karaf's {@code management} feature has a
 * whiteboard of its own (Aries JMX), so it stays off there.
 */
@Component(configurationPid = PlatformExport.PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
public final class PlatformExport {

    static final String PID = "io.shimhost.jmx";
    private static final Logger LOG = LoggerFactory.getLogger(PlatformExport.class);

    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, target = "(jmx.objectname=*)")
    void addBean(DynamicMBean bean, Map<String, Object> properties) {
        String name = (String) properties.get("jmx.objectname");
        try {
            server.registerMBean(bean, new ObjectName(name));
        } catch (JMException e) {
            LOG.atWarn().addKeyValue("mbean", name).log("Cannot register MBean " + name + ": " + e);
        }
    }

    /** Also called for every bean when the component is deactivated. */
    void removeBean(DynamicMBean bean, Map<String, Object> properties) {
        String name = (String) properties.get("jmx.objectname");
        try {
            ObjectName objectName = new ObjectName(name);
            if (server.isRegistered(objectName)) {
                server.unregisterMBean(objectName);
            }
        } catch (JMException e) {
            // already gone
        }
    }
}
