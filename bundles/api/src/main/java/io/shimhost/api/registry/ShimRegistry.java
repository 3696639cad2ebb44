package io.shimhost.api.registry;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

import io.shimhost.api.SandboxConfig;
import io.shimhost.api.ShimException;
import io.shimhost.api.ShimParams;
import io.shimhost.api.ShimProcess;
import io.shimhost.api.ShimType;

/**
 * Finds the shim implementation for a type among the deployed {@link io.shimhost.api.Shim}
 * services, starts shims by type, and keeps the table of the shims it started.
 */
@ProviderType
public interface ShimRegistry {

    /**
     * Lists every deployed shim service, sorted by type and then in the order the registry
     * prefers them (the serving one first).
     *
     * @return the deployed shims
     */
    List<DeployedShim> deployed();

    /**
     * Lists the types for which a shim is deployed.
     *
     * @return the types, sorted by name
     */
    List<ShimType> deployedTypes();

    /**
     * Starts a shim of the sandbox's shim type, as Kata's {@code prepareAndStartShim}, and
     * records it in the table.
     *
     * @param sandbox the sandbox; its shim type selects the implementation
     * @param params what to start
     * @return the handle of the started shim
     * @throws io.shimhost.api.UnknownShimTypeException if no shim of that type is deployed; the
     *         message lists the deployed types
     * @throws io.shimhost.api.InvalidParameterException if the sandbox is null or a parameter is bad
     * @throws ShimException if the shim failed to start
     */
    ShimProcess start(SandboxConfig sandbox, ShimParams params) throws ShimException;

    /**
     * Lists the shims this registry started, oldest first.
     *
     * @return the handles
     */
    List<ShimProcess> started();

    /**
     * Finds a started shim by its token (id) or, when the argument is a number, by its pid.
     *
     * @param idOrPid a token, or a pid in decimal
     * @return the shim, or empty
     */
    Optional<ShimProcess> find(String idOrPid);
}
