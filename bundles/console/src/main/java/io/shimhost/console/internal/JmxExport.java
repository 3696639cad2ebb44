package io.shimhost.console.internal;

import java.io.IOException;
import java.util.Hashtable;

import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * The daemon's MBeans in the JVM's platform MBean server, for local tools that attach to it: turned on
 * by the configuration {@value #PID} of the JMX bundle, which only a daemon writes (a script run and
 * the interactive launcher export nothing), and off again by deleting it.
 */
final class JmxExport implements AutoCloseable {

    private static final String PID = "io.shimhost.jmx";

    private final Configuration configuration;

    private JmxExport(Configuration configuration) {
        this.configuration = configuration;
    }

    static JmxExport open(ConfigurationAdmin configurationAdmin) throws IOException {
        Configuration configuration = configurationAdmin.getConfiguration(PID, "?");
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put("platform", Boolean.TRUE);
        configuration.update(properties);
        return new JmxExport(configuration);
    }

    @Override
    public void close() {
        try {
            configuration.delete();
        } catch (IOException | IllegalStateException e) {
            // the framework is stopping: Configuration Admin, and the export with it, goes away anyway
        }
    }
}
