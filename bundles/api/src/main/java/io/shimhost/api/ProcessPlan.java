package io.shimhost.api;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What {@link ProcessService#launch(ProcessSpec)} would do with a spec, resolved and checked as a
 * launch checks it, with nothing launched ({@link ProcessService#plan(ProcessSpec)}).
 *
 * @param executable the program as it would be executed: argv[0] found on the framework's PATH, or
 *        argv[0] itself when it names a path (or the launch enters a mount namespace, where the
 *        path is looked up)
 * @param argv the argument vector
 * @param environment the process's whole environment, in order
 * @param stdio where stdin, stdout and stderr go
 * @param newSession whether the process leads a new session (a console); otherwise it leads a
 *        process group of its own in the framework's session
 * @param createNamespaces the namespaces created for it
 * @param enterNamespaces the namespaces it enters, each with the inode it is now
 * @param cgroup the cgroup it starts in, with the limits of its own cgroup
 * @param cgroupDirectories the cgroup directories it would be placed in (one per hierarchy used; for
 *        its own cgroup, those to be created), absolute paths under the cgroup mounts; empty for none
 */
public record ProcessPlan(String executable, List<String> argv, Map<String, String> environment, Stdio stdio,
        boolean newSession, Set<NamespaceType> createNamespaces, List<Entered> enterNamespaces, CgroupSpec cgroup,
        List<String> cgroupDirectories) {

    /**
     * A plan in the framework's cgroup.
     *
     * @param executable the program as it would be executed
     * @param argv the argument vector
     * @param environment the whole environment
     * @param stdio where stdio goes
     * @param newSession whether it leads a new session
     * @param createNamespaces the namespaces created for it
     * @param enterNamespaces the namespaces it enters
     */
    public ProcessPlan(String executable, List<String> argv, Map<String, String> environment, Stdio stdio,
            boolean newSession, Set<NamespaceType> createNamespaces, List<Entered> enterNamespaces) {
        this(executable, argv, environment, stdio, newSession, createNamespaces, enterNamespaces, CgroupSpec.none(), List.of());
    }

    /**
     * A namespace to enter, as found now.
     *
     * @param type its type
     * @param path the file it is entered by
     * @param inode its inode, which names it
     */
    public record Entered(NamespaceType type, String path, long inode) {
    }

    /** Copies the collections; @throws NullPointerException if a component is null */
    public ProcessPlan {
        Objects.requireNonNull(executable, "executable");
        argv = List.copyOf(argv);
        environment = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(environment));
        Objects.requireNonNull(stdio, "stdio");
        createNamespaces = Set.copyOf(createNamespaces);
        enterNamespaces = List.copyOf(enterNamespaces);
        Objects.requireNonNull(cgroup, "cgroup");
        cgroupDirectories = List.copyOf(cgroupDirectories);
    }
}
