package io.shimhost.conformance.testshims;

import io.shimhost.api.ShimException;
import io.shimhost.api.ShimType;

/** A broken shim type, {@code mislabellingShim}: its handles say they are noopShims. */
public class MislabellingShim extends SleepShim {

    @Override
    protected String type() {
        return "mislabellingShim";
    }

    @Override
    protected ShimType handleType() throws ShimException {
        return ShimType.NOOP;
    }
}
