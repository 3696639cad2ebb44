package io.shimhost.shim.kata.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The kataShim's configuration, Kata's {@code ShimConfig{Path, Debug, Trace}}: defaults from
 * Configuration Admin (PID {@value KataShim#PID}), overridden per start by the sandbox's shim
 * configuration map.
 */
@ObjectClassDefinition(id = KataShim.PID, name = "kataShim",
        description = "How the kataShim runs the kata-shim binary.")
@interface KataShimConfig {

    /** @return the kata-shim binary */
    @AttributeDefinition(description = "Path of the kata-shim binary.")
    String path() default "/usr/libexec/kata-containers/kata-shim";

    /** @return whether the shim logs at debug level ({@code -log debug}) */
    @AttributeDefinition(description = "Pass -log debug (and -agent-logs-socket when a console URL is given).")
    boolean debug() default false;

    /** @return whether the shim traces ({@code -trace}) */
    @AttributeDefinition(description = "Pass -trace.")
    boolean trace() default false;

    /** @return names of the framework's environment variables the shim gets besides PATH, LANG, LC_* and TZ */
    @AttributeDefinition(description = "Names of the framework's environment variables passed on to the shim, "
            + "besides PATH, LANG, LC_* and TZ (comma-separated in a .cfg file). Nothing else of the framework's "
            + "environment reaches the shim.")
    String[] pass_environment() default {};
}
