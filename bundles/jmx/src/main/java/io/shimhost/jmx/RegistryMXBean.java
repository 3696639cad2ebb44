package io.shimhost.jmx;

import java.util.Map;

/** {@value #OBJECT_NAME}: the node's shims counted by state, and its deployed types. */
public interface RegistryMXBean {

    /** The MBean's name. */
    String OBJECT_NAME = "io.shimhost:type=Registry";

    /** @return the shims of the table that run now */
    int getRunning();

    /** @return every shim of the table */
    int getTotal();

    /** @return the shims of the table by state, as {@code shim:ps --format json} names states */
    Map<String, Integer> getStates();

    /** @return the shim types that can be started now */
    String[] getTypes();
}
