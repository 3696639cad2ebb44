package io.shimhost.registry.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The registry's configuration, PID {@value #PID}. */
@ObjectClassDefinition(id = RegistryConfig.PID, pid = RegistryConfig.PID, name = "shimhost shim registry",
        description = "Where the registry keeps its durable table of shims.")
@interface RegistryConfig {

    String PID = "io.shimhost.registry";
    /** Written by the executable jar's launcher only: the state folder it chose; wins over {@link #PID}. */
    String LAUNCHER_PID = "io.shimhost.registry.launcher";

    @AttributeDefinition(name = "State directory", required = false,
            description = "Folder for the durable shim table (shims.table) and its lock; created if missing. "
                    + "Empty: the registry bundle's persistent storage area.")
    String state_directory() default "";

    @AttributeDefinition(name = "Output log limit", required = false,
            description = "Size in bytes past which a shim's output log is rotated (its last bytes kept in FILE.1), "
                    + "unless its type's configuration sets output.limit.")
    long output_limit() default ShimOutput.DEFAULT_LIMIT;

    @AttributeDefinition(name = "Ended shims kept", required = false, min = "0",
            description = "How many ended shims the table keeps (shim:ps shows them, shim:forget removes them); "
                    + "older ones are forgotten as others end. Running shims are never forgotten.")
    int retention_count() default 1000;

    @AttributeDefinition(name = "Ended shims kept for (seconds)", required = false, min = "0",
            description = "How long after its end an ended shim is kept; 0: no age limit, only the count.")
    long retention_age() default 86400;
}
