package io.shimhost.api.registry;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

import io.shimhost.api.InvalidParameterException;
import io.shimhost.api.SandboxConfig;
import io.shimhost.api.ShimException;
import io.shimhost.api.ShimParams;
import io.shimhost.api.ShimProcess;
import io.shimhost.api.ShimType;
import io.shimhost.api.UnknownShimTypeException;

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
     * Describes the configuration of a deployed type as its serving service declares it: each
     * key with its type, default, current value and that value's origin.
     *
     * @param type a deployed type
     * @return the keys, sorted; empty for a type that takes no configuration
     * @throws UnknownShimTypeException if no service offers the type
     * @throws InvalidParameterException if the type's configuration cannot be read or is invalid
     */
    List<ShimConfigEntry> configuration(ShimType type) throws ShimException;

    /**
     * Plans a start: resolves and checks everything {@link #start} would (the serving service, the
     * effective configuration, the shim's own checks and launch, the process service's checks)
     * and launches nothing, records nothing. What would refuse the start refuses the plan, with
     * the same exception and message.
     *
     * @param sandbox as for {@link #start}
     * @param params as for {@link #start}
     * @return the plan
     * @throws ShimException as {@link #start} would; also if the type does not describe its plan
     */
    ShimPlan plan(SandboxConfig sandbox, ShimParams params) throws ShimException;

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
     * Lists the durable table: every shim started, here or before a restart of the framework, and
     * not forgotten, oldest first, with how the registry knows its process.
     *
     * @return the records
     */
    List<ShimRecord> table();

    /**
     * Removes the record of a shim that is no longer running (ended, lost, or without a process).
     *
     * @param idOrPid the shim's token, or its pid in decimal
     * @return the record removed
     * @throws io.shimhost.api.InvalidParameterException if no shim has that id or pid, or the shim
     *         is running or not verified yet (stop it first)
     * @throws ShimException if the table could not be written; the record is kept
     */
    ShimRecord forget(String idOrPid) throws ShimException;

    /**
     * Removes the records of every shim that is no longer running.
     *
     * @return the records removed
     * @throws ShimException if the table could not be written; the records are kept
     */
    List<ShimRecord> forgetEnded() throws ShimException;

    /**
     * Finds a shim's record by its token (id) or, when the argument is a number, by its pid.
     *
     * @param idOrPid a token, or a pid in decimal
     * @return the record, or empty
     */
    Optional<ShimRecord> record(String idOrPid);
}
