package io.shimhost.api;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What the {@link ProcessService} launches: the argument vector, the environment, stdio,
 * whether the process leads a new session, and the namespaces it starts in. Immutable.
 */
public final class ProcessSpec {

    private final List<String> argv;
    private final Map<String, String> environment;
    private final Stdio stdio;
    private final boolean newSession;
    private final Set<NamespaceType> createNamespaces;
    private final List<NamespaceRef> enterNamespaces;

    private ProcessSpec(Builder b) {
        this.argv = List.copyOf(b.argv);
        this.environment = b.environment == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(b.environment));
        this.stdio = b.stdio;
        this.newSession = b.newSession;
        this.createNamespaces = b.createNamespaces.isEmpty() ? Collections.emptySet()
                : Collections.unmodifiableSet(EnumSet.copyOf(b.createNamespaces));
        this.enterNamespaces = List.copyOf(b.enterNamespaces);
    }

    /**
     * Starts a spec for an argument vector.
     *
     * @param argv the program path followed by its arguments, exactly as the process gets them
     * @return a builder: environment inherited, stdio inherited, no new session or namespaces
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
     * session; the namespaces to create and enter come from the parameters.
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
        } else if (params.detach()) {
            b.stdio(Stdio.discard());
        }
        params.createNamespaces().forEach(b::createNamespace);
        params.enterNamespaces().forEach(b::enterNamespace);
        return b.build();
    }

    /**
     * Returns a builder preset with this spec, to derive a variant (say, with an environment).
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        Builder b = new Builder(argv);
        b.environment = environment;
        b.stdio = stdio;
        b.newSession = newSession;
        b.createNamespaces.addAll(createNamespaces);
        b.enterNamespaces.addAll(enterNamespaces);
        return b;
    }

    /** @return the argument vector; element 0 is the program */
    public List<String> argv() {
        return argv;
    }

    /** @return the environment to use, or empty to inherit the framework's */
    public Optional<Map<String, String>> environment() {
        return Optional.ofNullable(environment);
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

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ProcessSpec)) {
            return false;
        }
        ProcessSpec s = (ProcessSpec) o;
        return argv.equals(s.argv) && Objects.equals(environment, s.environment) && stdio.equals(s.stdio)
                && newSession == s.newSession && createNamespaces.equals(s.createNamespaces)
                && enterNamespaces.equals(s.enterNamespaces);
    }

    @Override
    public int hashCode() {
        return Objects.hash(argv, environment, stdio, newSession, createNamespaces, enterNamespaces);
    }

    @Override
    public String toString() {
        return "ProcessSpec[argv=" + argv + ", environment=" + (environment == null ? "inherited" : environment.keySet())
                + ", stdio=" + stdio + ", newSession=" + newSession + ", createNamespaces=" + createNamespaces
                + ", enterNamespaces=" + enterNamespaces + "]";
    }

    /** Builds a {@link ProcessSpec}. Not thread-safe; every setter returns this builder. */
    public static final class Builder {
        private final List<String> argv;
        private Map<String, String> environment;
        private Stdio stdio = Stdio.inherit();
        private boolean newSession;
        private final Set<NamespaceType> createNamespaces = EnumSet.noneOf(NamespaceType.class);
        private final List<NamespaceRef> enterNamespaces = new ArrayList<>();

        private Builder(List<String> argv) {
            this.argv = new ArrayList<>(argv);
        }

        /** @param environment the whole environment of the process, or null to inherit @return this builder */
        public Builder environment(Map<String, String> environment) {
            this.environment = environment;
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

        /** @return the immutable spec */
        public ProcessSpec build() {
            return new ProcessSpec(this);
        }
    }
}
