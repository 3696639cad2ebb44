package io.shimhost.api.registry;

import org.osgi.annotation.versioning.ConsumerType;

import io.shimhost.api.ExitStatus;
import io.shimhost.api.ShimProcess;
import io.shimhost.api.ShimType;

/**
 * Register a service of this type (whiteboard) to hear from the registry: when a shim type
 * becomes available or goes, and when a shim the registry started exits. Calls come on the thread
 * that caused the change (a framework thread for services, the process supervisor's for exits):
 * return quickly. An exception thrown here is logged and does not stop other listeners.
 */
@ConsumerType
public interface ShimRegistryListener {

    /**
     * A shim type can now be started: the first service offering it was registered.
     *
     * @param type the type
     */
    default void typeDeployed(ShimType type) {
    }

    /**
     * A shim type can no longer be started: the last service offering it went away. Shims of
     * that type that are running stay supervised.
     *
     * @param type the type
     */
    default void typeWithdrawn(ShimType type) {
    }

    /**
     * A shim with a process (pid greater than 0) that the registry started has exited.
     *
     * @param shim the shim
     * @param status how it ended
     */
    default void shimExited(ShimProcess shim, ExitStatus status) {
    }
}
