package io.shimhost.shim.noop.internal;

import org.osgi.service.component.annotations.Component;

import io.shimhost.api.NoProcess;
import io.shimhost.api.SandboxConfig;
import io.shimhost.api.Shim;
import io.shimhost.api.ShimParams;
import io.shimhost.api.ShimProcess;
import io.shimhost.api.ShimService;
import io.shimhost.api.ShimType;

/**
 * Kata's {@code noopShim}: a start succeeds, runs nothing and reports pid 0. Like Kata's, it
 * checks no parameter.
 */
@Component(service = Shim.class)
@ShimService(type = "noopShim")
public final class NoopShim implements Shim {

    @Override
    public ShimProcess start(SandboxConfig sandbox, ShimParams params) {
        return new NoProcess(0, ShimType.NOOP, params);
    }

    /** Launches nothing, as its start does. */
    @Override
    public java.util.Optional<io.shimhost.api.ProcessSpec> plan(SandboxConfig sandbox, ShimParams params) {
        return java.util.Optional.empty();
    }
}
