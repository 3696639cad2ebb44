package org.example.shim.command;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.osgi.framework.BundleContext;
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
 * The commandShim: runs the configured command with the container id and the token appended,
 * in the stdio, console and namespaces the start asks for, through shimhost's process service.
 * The command finds the version of the bundle that started it in COMMAND_SHIM_VERSION.
 */
@Component(service = Shim.class, configurationPid = CommandShim.PID)
@ShimService(type = "commandShim", config = CommandShim.PID)
@Designate(ocd = CommandShimConfig.class)
public final class CommandShim implements Shim {

    /** The Configuration Admin PID of the commandShim. */
    public static final String PID = "org.example.shim.command";

    private static final ShimType TYPE = ShimType.of("commandShim");

    private final ProcessService processes;
    private final String version;
    private volatile CommandShimConfig config;

    @Activate
    public CommandShim(@Reference(name = "processes") ProcessService processes, CommandShimConfig config,
            BundleContext context) {
        this.processes = processes;
        this.config = config;
        this.version = context.getBundle().getVersion().toString();
    }

    @Modified
    void modified(CommandShimConfig config) {
        this.config = config;
    }

    @Override
    public ShimProcess start(SandboxConfig sandbox, ShimParams params) throws ShimException {
        return ShimProcess.of(TYPE, params, processes.launch(spec(sandbox, params)));
    }

    /** What a start would launch: shimhost's dry run ({@code shim:start --dry-run}) shows it. */
    @Override
    public Optional<ProcessSpec> plan(SandboxConfig sandbox, ShimParams params) throws ShimException {
        return Optional.of(spec(sandbox, params));
    }

    /** The checks and the spec of a start, shared by start and plan so that both refuse alike. */
    private ProcessSpec spec(SandboxConfig sandbox, ShimParams params) throws ShimException {
        if (params.container().isEmpty()) {
            throw new InvalidParameterException("container", "", "Container cannot be empty");
        }
        // through the registry the sandbox carries the effective configuration, every key typed
        // (defaults, conf/ file, --config); called directly, the configured values apply
        CommandShimConfig current = config;
        Map<String, Object> given = sandbox.shimConfig();
        List<String> argv = new ArrayList<>();
        argv.add(given.get("command") instanceof String command ? command : current.command());
        argv.addAll(List.of(given.get("arguments") instanceof String[] arguments ? arguments : current.arguments()));
        argv.add(params.container());
        argv.add(params.token());
        Map<String, String> environment = new HashMap<>(params.environment());
        environment.put("COMMAND_SHIM_VERSION", version);
        return ProcessSpec.forShim(argv, params).toBuilder().environment(environment).build();
    }
}
