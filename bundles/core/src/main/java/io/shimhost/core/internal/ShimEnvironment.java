package io.shimhost.core.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import io.shimhost.api.ProcessSpec;

/**
 * The environment a process gets: a defined one, never the framework's whole environment (a secret
 * exported to the JVM would show in every shim's /proc/PID/environ). See {@link ProcessSpec}.
 */
final class ShimEnvironment {

    private final Map<String, String> framework;
    private final Map<String, String> defaults = new LinkedHashMap<>();

    ShimEnvironment(Map<String, String> framework) {
        this.framework = Map.copyOf(framework);
        defaults.put("PATH", framework.getOrDefault("PATH", ProcessSpec.DEFAULT_PATH));
        framework.forEach((name, value) -> {
            if (name.equals("LANG") || name.equals("TZ") || name.startsWith("LC_")) {
                defaults.put(name, value);
            }
        });
    }

    String[] of(ProcessSpec spec) {
        Map<String, String> env = new LinkedHashMap<>(defaults);
        for (String name : spec.passEnvironment()) {
            String value = framework.get(name);
            if (value != null) {
                env.put(name, value);
            }
        }
        env.putAll(spec.environment());
        if (!spec.launchId().isEmpty()) {
            env.put(ProcessSpec.LAUNCH_ID_VARIABLE, spec.launchId());
        }
        return env.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toArray(String[]::new);
    }
}
