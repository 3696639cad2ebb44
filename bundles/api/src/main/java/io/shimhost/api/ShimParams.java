package io.shimhost.api;

import java.nio.file.Path;
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
 * What to start: the parameters of one shim start, as Kata's {@code ShimParams}. Immutable;
 * build one with {@link #builder()}. Strings that are not set are empty, which is what the
 * implementations check for (Kata's "cannot be empty" errors).
 */
public final class ShimParams {

    private final String container;
    private final String token;
    private final String url;
    private final Path console;
    private final String consoleUrl;
    private final boolean terminal;
    private final boolean detach;
    private final long pid;
    private final Set<NamespaceType> createNamespaces;
    private final List<NamespaceRef> enterNamespaces;
    private final Map<String, String> environment;
    private final String launchId;
    private final Path outputLog;
    private final String cgroup;
    private final ResourceLimits limits;

    private ShimParams(Builder b) {
        this.container = b.container;
        this.token = b.token;
        this.url = b.url;
        this.console = b.console;
        this.consoleUrl = b.consoleUrl;
        this.terminal = b.terminal;
        this.detach = b.detach;
        this.pid = b.pid;
        this.createNamespaces = b.createNamespaces.isEmpty() ? Collections.emptySet()
                : Collections.unmodifiableSet(EnumSet.copyOf(b.createNamespaces));
        this.enterNamespaces = List.copyOf(b.enterNamespaces);
        this.environment = Collections.unmodifiableMap(new LinkedHashMap<>(b.environment));
        this.launchId = b.launchId;
        this.outputLog = b.outputLog;
        this.cgroup = b.cgroup;
        this.limits = b.limits;
    }

    /**
     * Starts an empty set of parameters.
     *
     * @return a builder with every string empty, every flag false and no namespaces
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns a builder preset with these parameters, to derive a variant.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.container = container;
        b.token = token;
        b.url = url;
        b.console = console;
        b.consoleUrl = consoleUrl;
        b.terminal = terminal;
        b.detach = detach;
        b.pid = pid;
        b.createNamespaces.addAll(createNamespaces);
        b.enterNamespaces.addAll(enterNamespaces);
        b.environment.putAll(environment);
        b.launchId = launchId;
        b.outputLog = outputLog;
        b.cgroup = cgroup;
        b.limits = limits;
        return b;
    }

    /** @return the container id, or empty */
    public String container() {
        return container;
    }

    /** @return the process token (the exec id), or empty */
    public String token() {
        return token;
    }

    /** @return the URL of the agent the shim talks to, or empty */
    public String url() {
        return url;
    }

    /** @return the console (a terminal device) that becomes the shim's stdio, if any */
    public Optional<Path> console() {
        return Optional.ofNullable(console);
    }

    /** @return the URL of the agent's console log socket, or empty */
    public String consoleUrl() {
        return consoleUrl;
    }

    /** @return whether the container process has a terminal */
    public boolean terminal() {
        return terminal;
    }

    /** @return whether the shim is detached: its stdio is not the framework's */
    public boolean detach() {
        return detach;
    }

    /** @return the pid of the container process the shim stands for, or 0 */
    public long pid() {
        return pid;
    }

    /** @return the namespace types the shim is started in, new ones; unmodifiable */
    public Set<NamespaceType> createNamespaces() {
        return createNamespaces;
    }

    /** @return the existing namespaces the shim is started in; unmodifiable */
    public List<NamespaceRef> enterNamespaces() {
        return enterNamespaces;
    }

    /** @return variables set in the shim's environment for this start (see {@link ProcessSpec}); unmodifiable */
    public Map<String, String> environment() {
        return environment;
    }

    /**
     * @return the id the registry gives this start before anything is launched, carried by the
     *         shim's process (see {@link ProcessSpec#launchId()}); empty when not started through a registry
     */
    public String launchId() {
        return launchId;
    }

    /**
     * @return the file that a shim without a console appends its stdout and stderr to (its stdin is
     *         {@code /dev/null}), or empty
     */
    public Optional<Path> outputLog() {
        return Optional.ofNullable(outputLog);
    }

    /**
     * @return the cgroup this start asks for: {@code ""} for the type's configured one, {@value
     *         CgroupSpec#OWN_WORD} for a cgroup of its own, or the path of an existing cgroup to join
     *         (see {@link CgroupSpec#of})
     */
    public String cgroup() {
        return cgroup;
    }

    /** @return the limits this start asks for, over the type's configured ones */
    public ResourceLimits limits() {
        return limits;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ShimParams)) {
            return false;
        }
        ShimParams p = (ShimParams) o;
        return container.equals(p.container) && token.equals(p.token) && url.equals(p.url)
                && Objects.equals(console, p.console) && consoleUrl.equals(p.consoleUrl)
                && terminal == p.terminal && detach == p.detach && pid == p.pid
                && createNamespaces.equals(p.createNamespaces) && enterNamespaces.equals(p.enterNamespaces)
                && environment.equals(p.environment) && launchId.equals(p.launchId)
                && Objects.equals(outputLog, p.outputLog) && cgroup.equals(p.cgroup) && limits.equals(p.limits);
    }

    @Override
    public int hashCode() {
        return Objects.hash(container, token, url, console, consoleUrl, terminal, detach, pid,
                createNamespaces, enterNamespaces, environment, launchId, outputLog, cgroup, limits);
    }

    @Override
    public String toString() {
        return "ShimParams[container=" + container + ", token=" + token + ", url=" + url
                + ", console=" + console + ", consoleUrl=" + consoleUrl + ", terminal=" + terminal
                + ", detach=" + detach + ", pid=" + pid + ", createNamespaces=" + createNamespaces
                + ", enterNamespaces=" + enterNamespaces + ", environment=" + environment.keySet()
                + ", launchId=" + launchId + ", outputLog=" + outputLog + ", cgroup=" + cgroup + ", limits=" + limits + "]";
    }

    /** Builds {@link ShimParams}. Not thread-safe; every setter returns this builder. */
    public static final class Builder {
        private String container = "";
        private String token = "";
        private String url = "";
        private Path console;
        private String consoleUrl = "";
        private boolean terminal;
        private boolean detach;
        private long pid;
        private final Set<NamespaceType> createNamespaces = EnumSet.noneOf(NamespaceType.class);
        private final List<NamespaceRef> enterNamespaces = new ArrayList<>();
        private final Map<String, String> environment = new LinkedHashMap<>();
        private String launchId = "";
        private Path outputLog;
        private String cgroup = "";
        private ResourceLimits limits = ResourceLimits.none();

        private Builder() {
        }

        /** @param container the container id; null means empty @return this builder */
        public Builder container(String container) {
            this.container = Objects.requireNonNullElse(container, "");
            return this;
        }

        /** @param token the process token; null means empty @return this builder */
        public Builder token(String token) {
            this.token = Objects.requireNonNullElse(token, "");
            return this;
        }

        /** @param url the agent URL; null means empty @return this builder */
        public Builder url(String url) {
            this.url = Objects.requireNonNullElse(url, "");
            return this;
        }

        /** @param console the console device, or null for none @return this builder */
        public Builder console(Path console) {
            this.console = console;
            return this;
        }

        /** @param consoleUrl the agent's console log socket URL; null means empty @return this builder */
        public Builder consoleUrl(String consoleUrl) {
            this.consoleUrl = Objects.requireNonNullElse(consoleUrl, "");
            return this;
        }

        /** @param terminal whether the container process has a terminal @return this builder */
        public Builder terminal(boolean terminal) {
            this.terminal = terminal;
            return this;
        }

        /** @param detach whether the shim's stdio is detached from the framework's @return this builder */
        public Builder detach(boolean detach) {
            this.detach = detach;
            return this;
        }

        /**
         * @param pid the pid of the container process, 0 for none
         * @return this builder
         * @throws InvalidParameterException if the pid is negative
         */
        public Builder pid(long pid) throws InvalidParameterException {
            if (pid < 0) {
                throw new InvalidParameterException("pid", pid, "Invalid pid " + pid + ": a pid is 0 or more");
            }
            this.pid = pid;
            return this;
        }

        /** @param type a namespace type to create for the shim @return this builder */
        public Builder createNamespace(NamespaceType type) {
            createNamespaces.add(Objects.requireNonNull(type, "type"));
            return this;
        }

        /** @param ref an existing namespace to start the shim in @return this builder */
        public Builder enterNamespace(NamespaceRef ref) {
            enterNamespaces.add(Objects.requireNonNull(ref, "ref"));
            return this;
        }

        /**
         * @param name an environment variable of the shim's, for this start
         * @param value its value
         * @return this builder
         * @throws InvalidParameterException if the name or value is not one a process can have
         */
        public Builder environment(String name, String value) throws InvalidParameterException {
            EnvironmentVariables.check(name, value);
            environment.put(name, value);
            return this;
        }

        /**
         * @param launchId the registry's id of this start: letters, digits and '-', 64 at most; empty for none
         * @return this builder
         * @throws InvalidParameterException if it is not such an id
         */
        public Builder launchId(String launchId) throws InvalidParameterException {
            this.launchId = LaunchIds.check(launchId);
            return this;
        }

        /**
         * @param file the file to append the shim's stdout and stderr to, or null for none
         * @return this builder
         * @throws InvalidParameterException if the path is not absolute
         */
        public Builder outputLog(Path file) throws InvalidParameterException {
            if (file != null && !file.isAbsolute()) {
                throw new InvalidParameterException("log", file, "Invalid log file \"" + file
                        + "\": give an absolute path");
            }
            this.outputLog = file == null ? null : file.normalize();
            return this;
        }

        /**
         * @param cgroup {@code ""} for the type's configured cgroup, {@value CgroupSpec#OWN_WORD}, or the
         *        absolute path of an existing cgroup to join; null means empty
         * @return this builder
         * @throws InvalidParameterException if it is none of these (checked with {@link CgroupSpec#of})
         */
        public Builder cgroup(String cgroup) throws InvalidParameterException {
            String c = Objects.requireNonNullElse(cgroup, "").trim();
            CgroupSpec.of(c, "", ResourceLimits.none());
            this.cgroup = c;
            return this;
        }

        /** @param limits the limits of this start, over the type's; null means none @return this builder */
        public Builder limits(ResourceLimits limits) {
            this.limits = Objects.requireNonNullElse(limits, ResourceLimits.none());
            return this;
        }

        /** @return the immutable parameters */
        public ShimParams build() {
            return new ShimParams(this);
        }
    }
}
