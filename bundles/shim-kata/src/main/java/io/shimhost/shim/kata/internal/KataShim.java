package io.shimhost.shim.kata.internal;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

import io.shimhost.api.InvalidParameterException;
import io.shimhost.api.ProcessService;
import io.shimhost.api.ProcessSpec;
import io.shimhost.api.SandboxConfig;
import io.shimhost.api.Shim;
import io.shimhost.api.ShimException;
import io.shimhost.api.ShimParams;
import io.shimhost.api.ShimProcess;
import io.shimhost.api.ShimService;
import io.shimhost.api.ShimType;

/**
 * Kata's {@code kataShim}: checks the start in Kata's order, builds Kata's argv and launches the
 * kata-shim binary through the process service. Without a process service this component is
 * not satisfied and no kataShim is offered.
 */
@Component(service = Shim.class, configurationPid = KataShim.PID)
@ShimService(type = "kataShim")
@Designate(ocd = KataShimConfig.class)
public final class KataShim implements Shim {

    /** The Configuration Admin PID of the kataShim's defaults. */
    public static final String PID = "io.shimhost.shim.kata";

    private final TypedShimConfig<KataShimConfig> typed = new TypedShimConfig<>(KataShimConfig.class, ShimType.KATA);
    private final ProcessService processes;
    private volatile KataShimConfig defaults;

    @Activate
    public KataShim(@Reference(name = "processes") ProcessService processes, KataShimConfig config, Map<String, Object> properties)
            throws InvalidParameterException {
        this.processes = processes;
        modified(config, properties);
    }

    @Modified
    void modified(KataShimConfig config, Map<String, Object> properties) throws InvalidParameterException {
        typed.checkKnownKeys(properties);
        this.defaults = config;
    }

    @Override
    public ShimProcess start(SandboxConfig sandbox, ShimParams params) throws ShimException {
        if (sandbox == null) {
            throw new InvalidParameterException("sandbox", null, "Sandbox config cannot be nil");
        }
        KataShimConfig config = typed.override(defaults, sandbox.shimConfig());
        check(config.path(), "path", "Shim path cannot be empty");
        check(params.url(), "url", "URL cannot be empty");
        check(params.container(), "container", "Container cannot be empty");
        check(params.token(), "token", "Process token cannot be empty");
        ProcessSpec spec = ProcessSpec.forShim(KataArgv.of(config, params), params).toBuilder()
                .passEnvironment(names(config.pass_environment())).build();
        return ShimProcess.of(ShimType.KATA, params, processes.launch(spec));
    }

    /** A .cfg file gives a list as one comma-separated string. */
    private static List<String> names(String[] values) {
        return Arrays.stream(values).flatMap(v -> Arrays.stream(v.split("[,\\s]+"))).filter(n -> !n.isEmpty()).toList();
    }

    private static void check(String value, String field, String message) throws InvalidParameterException {
        if (value.isEmpty()) {
            throw new InvalidParameterException(field, value, message);
        }
    }
}
