package io.shimhost.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The part of a sandbox's configuration that a shim needs: its id, the type of shim it uses and
 * the shim configuration map, whose entries override the shim type's configured defaults for
 * every start in this sandbox (for {@code kataShim}: {@code path}, {@code debug}, {@code trace}).
 */
public final class SandboxConfig {

    private final String id;
    private final ShimType shimType;
    private final Map<String, Object> shimConfig;

    private SandboxConfig(String id, ShimType shimType, Map<String, Object> shimConfig) {
        this.id = id;
        this.shimType = shimType;
        this.shimConfig = shimConfig;
    }

    /**
     * Creates a sandbox configuration.
     *
     * @param id the sandbox id, not empty
     * @param shimType the type of shim the sandbox uses
     * @param shimConfig per-start overrides of the shim type's configuration; copied
     * @return the configuration
     * @throws InvalidParameterException if the id is empty or not an id ({@link Identifiers}), or an argument is null
     */
    public static SandboxConfig of(String id, ShimType shimType, Map<String, ?> shimConfig)
            throws InvalidParameterException {
        if (id == null || id.isEmpty()) {
            throw new InvalidParameterException("sandbox id", id, "Sandbox id cannot be empty");
        }
        Identifiers.check("sandbox id", id);
        if (shimType == null) {
            throw new InvalidParameterException("shim type", null, "Shim type cannot be null");
        }
        Objects.requireNonNull(shimConfig, "shimConfig");
        return new SandboxConfig(id, shimType,
                Collections.unmodifiableMap(new LinkedHashMap<>(shimConfig)));
    }

    /**
     * Returns the sandbox id.
     *
     * @return the id, never empty
     */
    public String id() {
        return id;
    }

    /**
     * Returns the type of shim this sandbox uses.
     *
     * @return the shim type
     */
    public ShimType shimType() {
        return shimType;
    }

    /**
     * Returns the per-start overrides of the shim type's configuration.
     *
     * @return an unmodifiable map, possibly empty
     */
    public Map<String, Object> shimConfig() {
        return shimConfig;
    }

    @Override
    public String toString() {
        return "SandboxConfig[id=" + id + ", shimType=" + shimType + ", shimConfig=" + shimConfig + "]";
    }
}
