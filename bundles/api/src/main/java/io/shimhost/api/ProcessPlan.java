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
 */
public record ProcessPlan(String executable, List<String> argv, Map<String, String> environment, Stdio stdio,
        boolean newSession, Set<NamespaceType> createNamespaces, List<Entered> enterNamespaces) {

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
    }
}
