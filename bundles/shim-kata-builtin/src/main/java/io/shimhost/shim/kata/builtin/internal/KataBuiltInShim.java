package io.shimhost.shim.kata.builtin.internal;

import org.osgi.service.component.annotations.Component;

import io.shimhost.api.NoProcess;
import io.shimhost.api.SandboxConfig;
import io.shimhost.api.Shim;
import io.shimhost.api.ShimParams;
import io.shimhost.api.ShimProcess;
import io.shimhost.api.ShimService;
import io.shimhost.api.ShimType;

/**
 * Kata's {@code kataBuiltInShim}: the shim lives inside the runtime, so a start runs no process
 * and reports pid -1. Like Kata's, it checks no parameter.
 */
@Component(service = Shim.class)
@ShimService(type = "kataBuiltInShim")
public final class KataBuiltInShim implements Shim {

    @Override
    public ShimProcess start(SandboxConfig sandbox, ShimParams params) {
        return new NoProcess(-1, ShimType.KATA_BUILT_IN, params);
    }

    /** Launches nothing, as its start does. */
    @Override
    public java.util.Optional<io.shimhost.api.ProcessSpec> plan(SandboxConfig sandbox, ShimParams params) {
        return java.util.Optional.empty();
    }
}
