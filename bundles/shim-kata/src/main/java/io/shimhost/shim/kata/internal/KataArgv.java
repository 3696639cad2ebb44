package io.shimhost.shim.kata.internal;

import java.util.ArrayList;
import java.util.List;

import io.shimhost.api.ShimParams;

/** The kata-shim command line, element by element as Kata's {@code kataShim.start} builds it. */
final class KataArgv {

    private KataArgv() {
    }

    static List<String> of(KataShimConfig config, ShimParams params) {
        List<String> argv = new ArrayList<>(List.of(config.path(),
                "-agent", params.url(), "-container", params.container(), "-exec-id", params.token()));
        if (params.terminal()) {
            argv.add("-terminal");
        }
        if (config.debug()) {
            argv.add("-log");
            argv.add("debug");
            if (!params.consoleUrl().isEmpty()) {
                argv.add("-agent-logs-socket");
                argv.add(params.consoleUrl());
            }
        }
        if (config.trace()) {
            argv.add("-trace");
        }
        return argv;
    }
}
