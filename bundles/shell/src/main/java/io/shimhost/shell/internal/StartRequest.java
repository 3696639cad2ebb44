package io.shimhost.shell.internal;

import java.util.Map;

import io.shimhost.api.ShimParams;
import io.shimhost.api.ShimType;

/**
 * What {@code shim:start} was asked to do: the type, the sandbox it runs in, the parameters, the
 * per-start shim configuration, how to print the outcome, whether only to plan it (a dry run); or
 * only to print its help.
 */
record StartRequest(ShimType type, String sandbox, ShimParams params, Map<String, Object> config, Format format,
        boolean dryRun, boolean help) {

    static StartRequest helpOnly() {
        return new StartRequest(null, null, null, Map.of(), Format.TEXT, false, true);
    }
}
