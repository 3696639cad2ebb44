package io.shimhost.shim.kata.internal;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.shimhost.api.CgroupSpec;
import io.shimhost.api.InvalidParameterException;
import io.shimhost.api.ProcessService;
import io.shimhost.api.ProcessSpec;
import io.shimhost.api.ResourceLimits;
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
@ShimService(type = "kataShim", config = KataShim.PID)
@Designate(ocd = KataShimConfig.class)
public final class KataShim implements Shim {

    /** The Configuration Admin PID of the kataShim's defaults. */
    public static final String PID = "io.shimhost.shim.kata";

    private static final Logger LOG = LoggerFactory.getLogger(KataShim.class);

    private final TypedShimConfig<KataShimConfig> typed = new TypedShimConfig<>(KataShimConfig.class, ShimType.KATA);
    private final ProcessService processes;
    /** The configured defaults, or why the configuration cannot be used. */
    private volatile Configured configured;

    /** Valid defaults, or the one line that says what is wrong with them. */
    private record Configured(KataShimConfig defaults, InvalidParameterException problem) {
    }

    @Activate
    public KataShim(@Reference(name = "processes") ProcessService processes, KataShimConfig config,
            Map<String, Object> properties) {
        this.processes = processes;
        modified(config, properties);
    }

    /**
     * An invalid configuration does not stop the component: the type stays deployed, and every start
     * fails saying what is wrong (naming the file of conf/ it came from), which is logged here once.
     */
    @Modified
    void modified(KataShimConfig config, Map<String, Object> properties) {
        try {
            typed.checkKnownKeys(properties);
            cgroup(config, ShimParams.builder().build());
            configured = new Configured(config, null);
        } catch (InvalidParameterException e) {
            Object file = properties.get("felix.fileinstall.filename");
            InvalidParameterException problem = new InvalidParameterException(e.parameter(), e.value(),
                    "kataShim is deployed but its configuration is invalid: configuration " + PID
                            + (file == null ? "" : " in " + file) + ": " + e.getMessage());
            configured = new Configured(null, problem);
            LOG.atError().addKeyValue("subsystem", "shim").addKeyValue("shim-type", ShimType.KATA)
                    .addKeyValue("key", e.parameter()).log(problem.getMessage());
        }
    }

    @Override
    public ShimProcess start(SandboxConfig sandbox, ShimParams params) throws ShimException {
        return ShimProcess.of(ShimType.KATA, params, processes.launch(spec(sandbox, params)));
    }

    @Override
    public Optional<ProcessSpec> plan(SandboxConfig sandbox, ShimParams params) throws ShimException {
        return Optional.of(spec(sandbox, params));
    }

    /** Kata's checks in Kata's order, then Kata's argv: what a start launches and a plan tells. */
    private ProcessSpec spec(SandboxConfig sandbox, ShimParams params) throws ShimException {
        if (sandbox == null) {
            throw new InvalidParameterException("sandbox", null, "Sandbox config cannot be nil");
        }
        Configured current = configured;
        if (current.problem() != null) {
            throw current.problem();
        }
        KataShimConfig config = typed.override(current.defaults(), sandbox.shimConfig());
        check(config.path(), "path", "Shim path cannot be empty");
        check(params.url(), "url", "URL cannot be empty");
        check(params.container(), "container", "Container cannot be empty");
        check(params.token(), "token", "Process token cannot be empty");
        return ProcessSpec.forShim(KataArgv.of(config, params), params).toBuilder()
                .passEnvironment(names(config.pass_environment())).cgroup(cgroup(config, params)).build();
    }

    /** The start's cgroup and limits over the configured ones. */
    private static CgroupSpec cgroup(KataShimConfig config, ShimParams params) throws InvalidParameterException {
        ResourceLimits configured = new ResourceLimits(ResourceLimits.parseMemory("memory", config.memory()),
                ResourceLimits.checkPids("pids", config.pids()), ResourceLimits.checkCpuWeight("cpu.weight", config.cpu_weight()));
        return CgroupSpec.of(params.cgroup().isEmpty() ? config.cgroup() : params.cgroup(), config.cgroup_parent(),
                configured.overriddenBy(params.limits()));
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
