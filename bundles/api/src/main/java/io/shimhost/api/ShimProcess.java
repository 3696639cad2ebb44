package io.shimhost.api;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The handle of a started shim: the process (if any) and the shim identity it was started
 * with. Kata's {@code Process{Token, Pid, StartTime}}, with the supervision operations.
 * {@code noopShim} reports pid 0 and {@code kataBuiltInShim} pid -1: no process is behind those.
 */
@ProviderType
public interface ShimProcess extends SupervisedProcess {

    /** @return the type of shim that started this one */
    ShimType type();

    /** @return the container the shim serves */
    String container();

    /** @return the process token (exec id); the shim's id in the registry */
    String token();

    /**
     * Presents a process that a shim launched through the {@link ProcessService} as that shim.
     *
     * @param type the shim type that launched it
     * @param params the parameters of the start, for container and token
     * @param process the launched process
     * @return a handle whose operations are the process's
     */
    static ShimProcess of(ShimType type, ShimParams params, SupervisedProcess process) {
        return new LaunchedShim(type, params, process);
    }
}
