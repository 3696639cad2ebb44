package io.shimhost.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A shim implementation, registered as an OSGi service with the {@value #TYPE} property naming
 * the {@link ShimType} it implements. Several services may offer one type: the registry uses the
 * highest {@code service.ranking}, then the lowest {@code service.id}. The {@value #CONFIG}
 * property names the Configuration Admin PID whose Metatype object class declares the type's
 * configuration ({@link ShimService#config()}); a type without it takes no configuration.
 */
@ConsumerType
public interface Shim {

    /** The service property naming the shim type this service implements. */
    String TYPE = "shim.type";

    /**
     * The service property naming the PID of the type's configuration: its Metatype object class,
     * in the service's bundle, declares the keys the registry accepts and converts for every start.
     */
    String CONFIG = "shim.config";

    /**
     * Starts a shim for a sandbox.
     *
     * @param sandbox the sandbox the shim serves; through the registry, its shim configuration is
     *        the type's effective configuration for this start: every key of the type's schema,
     *        typed (defaults, then the configured values, then the start's overrides)
     * @param params what to start: container, token, agent URL, console, namespaces
     * @return the handle of the started shim
     * @throws InvalidParameterException if the sandbox or a parameter is missing or invalid
     * @throws ShimException if the shim could not be started; nothing is left running then
     */
    ShimProcess start(SandboxConfig sandbox, ShimParams params) throws ShimException;

    /**
     * Tells what {@link #start} would launch, without launching anything: the spec it would give
     * the process service, or empty for a shim without a process. It makes every check that
     * {@code start} makes, with the same exceptions, so that a dry run ({@code shim:start
     * --dry-run}) refuses what the start would. A type that cannot tell keeps this default, and
     * has no dry run.
     *
     * @param sandbox as for {@link #start}
     * @param params as for {@link #start}
     * @return the spec {@code start} would launch, or empty when it launches no process
     * @throws ShimException if {@code start} would refuse
     * @throws UnsupportedOperationException if the type does not describe its plan
     */
    default java.util.Optional<ProcessSpec> plan(SandboxConfig sandbox, ShimParams params) throws ShimException {
        throw new UnsupportedOperationException("this shim type does not describe its launch plan (Shim.plan)");
    }
}
