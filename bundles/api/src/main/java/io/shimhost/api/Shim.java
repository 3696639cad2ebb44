package io.shimhost.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A shim implementation, registered as an OSGi service with the {@value #TYPE} property naming
 * the {@link ShimType} it implements. Several services may offer one type: the registry uses the
 * highest {@code service.ranking}, then the lowest {@code service.id}.
 */
@ConsumerType
public interface Shim {

    /** The service property naming the shim type this service implements. */
    String TYPE = "shim.type";

    /**
     * Starts a shim for a sandbox.
     *
     * @param sandbox the sandbox the shim serves; its shim configuration overrides the
     *        implementation's defaults for this start
     * @param params what to start: container, token, agent URL, console, namespaces
     * @return the handle of the started shim
     * @throws InvalidParameterException if the sandbox or a parameter is missing or invalid
     * @throws ShimException if the shim could not be started; nothing is left running then
     */
    ShimProcess start(SandboxConfig sandbox, ShimParams params) throws ShimException;
}
