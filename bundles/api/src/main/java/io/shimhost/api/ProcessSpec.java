package io.shimhost.api;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What the {@link ProcessService} launches: the argument vector, the environment, stdio,
 * whether the process leads a new session, and the namespaces it starts in. Immutable.
 *
 * <p>A process gets a defined environment, never the framework's whole one (which may hold
 * secrets): {@code PATH}, {@code LANG}, {@code TZ} and every {@code LC_*} variable the framework
 * has ({@code PATH} defaults to {@value #DEFAULT_PATH}), the framework variables named by
 * {@link #passEnvironment()}, then {@link #environment()}, and {@value #LAUNCH_ID_VARIABLE} when a
 * {@link #launchId() launch id} is set.
 */
public final class ProcessSpec {

    /** The variable that carries a launch's id into its process. */
    public static final String LAUNCH_ID_VARIABLE = "SHIMHOST_LAUNCH_ID";
    /** The {@code PATH} a process gets when the framework has none. */
    public static final String DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    private final List<String> argv;
    private final Map<String, String> environment;
    private final Set<String> passEnvironment;
    private final String launchId;
    private final Stdio stdio;
    private final boolean newSession;
    private final Set<NamespaceType> createNamespaces;
    private final List<NamespaceRef> enterNamespaces;
    private final CgroupSpec cgroup;

    private ProcessSpec(Builder b) {
        this.argv = List.copyOf(b.argv);
        this.environment = Collections.unmodifiableMap(new LinkedHashMap<>(b.environment));
        this.passEnvironment = Set.copyOf(b.passEnvironment);
        this.launchId = b.launchId;
        this.stdio = b.stdio;
        this.newSession = b.newSession;
        this.createNamespaces = b.createNamespaces.isEmpty() ? Collections.emptySet()
                : Collections.unmodifiableSet(EnumSet.copyOf(b.createNamespaces));
        this.enterNamespaces = List.copyOf(b.enterNamespaces);
        this.cgroup = b.cgroup;
    }

    /**
     * Starts a spec for an argument vector.
     *
     * @param argv the program path followed by its arguments, exactly as the process gets them
     * @return a builder: the default environment, stdio inherited, no new session or namespaces
     * @throws InvalidParameterException if argv is empty or its first element empty
     */
    public static Builder builder(List<String> argv) throws InvalidParameterException {
        if (argv == null || argv.isEmpty() || argv.get(0) == null || argv.get(0).isEmpty()) {
            throw new InvalidParameterException("argv", argv, "The command to launch cannot be empty");
        }
        return new Builder(argv);
    }

    /**
     * Builds the spec of a shim the way Kata's {@code startShim} does: stdio inherited unless
     * detached; a console, when given, becomes stdin, stdout and stderr and the shim leads its own
     * session; else an output log, when given, takes stdout and stderr; the namespaces to create and enter, the per-start environment and the launch id
     * come from the parameters.
     *
     * @param argv the shim's argument vector
     * @param params the parameters of the start
     * @return the spec
     * @throws InvalidParameterException if argv is empty
     */
    public static ProcessSpec forShim(List<String> argv, ShimParams params) throws InvalidParameterException {
        Builder b = builder(argv);
        if (params.console().isPresent()) {
            b.stdio(Stdio.console(params.console().get())).newSession(true);
        } else if (params.outputLog().isPresent()) {
            b.stdio(Stdio.log(params.outputLog().get()));
        } else if (params.detach()) {
            b.stdio(Stdio.discard());
        }
        params.createNamespaces().forEach(b::createNamespace);
        params.enterNamespaces().forEach(b::enterNamespace);
        b.environment.putAll(params.environment());
        b.launchId = params.launchId();
        b.cgroup = CgroupSpec.of(params.cgroup(), "", params.limits());
        return b.build();
    }

    /**
     * Returns a builder preset with this spec, to derive a variant (say, with an environment).
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        Builder b = new Builder(argv);
        b.environment.putAll(environment);
        b.passEnvironment.addAll(passEnvironment);
        b.launchId = launchId;
        b.stdio = stdio;
        b.newSession = newSession;
        b.createNamespaces.addAll(createNamespaces);
        b.enterNamespaces.addAll(enterNamespaces);
        b.cgroup = cgroup;
        return b;
    }

    /** @return the argument vector; element 0 is the program */
    public List<String> argv() {
        return argv;
    }

    /** @return the variables set for the process, over the default environment; unmodifiable */
    public Map<String, String> environment() {
        return environment;
    }

    /** @return names of the framework's variables the process gets too, when the framework has them */
    public Set<String> passEnvironment() {
        return passEnvironment;
    }

    /**
     * @return the id of the launch, set by the registry before anything starts: the process carries
     *         it in {@value #LAUNCH_ID_VARIABLE}, so that it is found even if the framework dies
     *         before it learns the pid; empty for none
     */
    public String launchId() {
        return launchId;
    }

    /** @return where stdio goes */
    public Stdio stdio() {
        return stdio;
    }

    /** @return whether the process leads a new session ({@code setsid}) */
    public boolean newSession() {
        return newSession;
    }

    /** @return the namespace types created for the process */
    public Set<NamespaceType> createNamespaces() {
        return createNamespaces;
    }

    /** @return the existing namespaces the process starts in */
    public List<NamespaceRef> enterNamespaces() {
        return enterNamespaces;
    }

    /** @return the cgroup the process starts in */
    public CgroupSpec cgroup() {
        return cgroup;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ProcessSpec)) {
            return false;
        }
        ProcessSpec s = (ProcessSpec) o;
        return argv.equals(s.argv) && environment.equals(s.environment) && passEnvironment.equals(s.passEnvironment)
                && launchId.equals(s.launchId) && stdio.equals(s.stdio)
                && newSession == s.newSession && createNamespaces.equals(s.createNamespaces)
                && enterNamespaces.equals(s.enterNamespaces) && cgroup.equals(s.cgroup);
    }

    @Override
    public int hashCode() {
        return Objects.hash(argv, environment, passEnvironment, launchId, stdio, newSession, createNamespaces,
                enterNamespaces, cgroup);
    }

    @Override
    public String toString() {
        return "ProcessSpec[argv=" + argv + ", environment=" + environment.keySet() + ", passEnvironment="
                + passEnvironment + ", launchId=" + launchId
                + ", stdio=" + stdio + ", newSession=" + newSession + ", createNamespaces=" + createNamespaces
                + ", enterNamespaces=" + enterNamespaces + ", cgroup=" + cgroup + "]";
    }

    /** Builds a {@link ProcessSpec}. Not thread-safe; every setter returns this builder. */
    public static final class Builder {
        private final List<String> argv;
        private final Map<String, String> environment = new LinkedHashMap<>();
        private final Set<String> passEnvironment = new java.util.TreeSet<>();
        private String launchId = "";
        private Stdio stdio = Stdio.inherit();
        private boolean newSession;
        private final Set<NamespaceType> createNamespaces = EnumSet.noneOf(NamespaceType.class);
        private final List<NamespaceRef> enterNamespaces = new ArrayList<>();
        private CgroupSpec cgroup = CgroupSpec.none();

        private Builder(List<String> argv) {
            this.argv = new ArrayList<>(argv);
        }

        /**
         * @param environment variables to set for the process, over the default environment; they
         *        replace those set before
         * @return this builder
         * @throws InvalidParameterException if a name or value is not one a process can have
         */
        public Builder environment(Map<String, String> environment) throws InvalidParameterException {
            for (Map.Entry<String, String> e : environment.entrySet()) {
                EnvironmentVariables.check(e.getKey(), e.getValue());
            }
            this.environment.clear();
            this.environment.putAll(environment);
            return this;
        }

        /**
         * @param launchId the id of the launch, carried into the process (see {@link ProcessSpec#launchId()});
         *        letters, digits and '-', 64 at most; empty for none
         * @return this builder
         * @throws InvalidParameterException if it is not such an id
         */
        public Builder launchId(String launchId) throws InvalidParameterException {
            this.launchId = LaunchIds.check(launchId);
            return this;
        }

        /**
         * @param names names of the framework's variables to pass on to the process
         * @return this builder
         * @throws InvalidParameterException if a name is not a variable name
         */
        public Builder passEnvironment(Collection<String> names) throws InvalidParameterException {
            for (String name : names) {
                EnvironmentVariables.checkName(name);
            }
            passEnvironment.addAll(names);
            return this;
        }

        /** @param stdio where stdio goes @return this builder */
        public Builder stdio(Stdio stdio) {
            this.stdio = Objects.requireNonNull(stdio, "stdio");
            return this;
        }

        /** @param newSession whether the process leads a new session @return this builder */
        public Builder newSession(boolean newSession) {
            this.newSession = newSession;
            return this;
        }

        /** @param type a namespace type to create @return this builder */
        public Builder createNamespace(NamespaceType type) {
            createNamespaces.add(Objects.requireNonNull(type, "type"));
            return this;
        }

        /** @param ref an existing namespace to enter @return this builder */
        public Builder enterNamespace(NamespaceRef ref) {
            enterNamespaces.add(Objects.requireNonNull(ref, "ref"));
            return this;
        }

        /** @param cgroup the cgroup to start in @return this builder */
        public Builder cgroup(CgroupSpec cgroup) {
            this.cgroup = Objects.requireNonNull(cgroup, "cgroup");
            return this;
        }

        /** @return the immutable spec */
        public ProcessSpec build() {
            return new ProcessSpec(this);
        }
    }
}
