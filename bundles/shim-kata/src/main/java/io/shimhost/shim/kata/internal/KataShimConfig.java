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

    /** @return {@code ""}, {@code own} or the path of an existing cgroup to join */
    @AttributeDefinition(required = false, description = "The cgroup each kata-shim starts in: empty for the "
            + "framework's (or its own when a limit is set), own for a cgroup of its own, created under cgroup.parent "
            + "and removed after it, or the absolute path of an existing cgroup to join, such as the sandbox's.")
    String cgroup() default "";

    /** @return the parent of a shim's own cgroup; empty for the framework's own cgroup */
    @AttributeDefinition(required = false, description = "The cgroup a shim's own cgroup is created under, an absolute "
            + "cgroup path; empty for the framework's own cgroup (under systemd, the unit needs Delegate=yes).")
    String cgroup_parent() default "";

    /** @return the memory limit of a shim's own cgroup: bytes, or with K, M, G or T; empty for none */
    @AttributeDefinition(required = false, description = "The most memory each shim and what it starts may use: "
            + "bytes, or a size with K, M, G or T (512M); empty for no limit. Past it the OOM killer ends the shim "
            + "(reported oom-killed).")
    String memory() default "";

    /** @return the most processes and threads of a shim's own cgroup; 0 for no limit */
    @AttributeDefinition(required = false, description = "The most processes and threads each shim and what it "
            + "starts may have at once (pids.max); 0 for no limit.")
    long pids() default 0;

    /** @return the CPU weight of a shim's own cgroup, 1 to 10000; 0 for none */
    @AttributeDefinition(required = false, description = "Each shim's share of CPU time under contention, 1 to 10000 "
            + "(100 is the default weight; cpu.weight, or cpu.shares on cgroup v1); 0 for none.")
    int cpu_weight() default 0;
}
