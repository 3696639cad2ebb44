package io.shimhost.shell.internal;

import java.util.List;

import org.apache.felix.service.command.Descriptor;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.shimhost.api.SandboxConfig;
import io.shimhost.api.ShimException;
import io.shimhost.api.ShimProcess;
import io.shimhost.api.registry.DeployedShim;
import io.shimhost.api.registry.ShimRegistry;

/**
 * The operator's Gogo commands, scope {@code shim}. Each returns the text it shows; errors are
 * exceptions whose message is the one line the shell prints. Registered as {@code Object}, as
 * Gogo needs no type, so that the launcher's console can wait for the scope by filter.
 */
@Component(service = Object.class, property = {
    "osgi.command.scope=shim",
    "osgi.command.function=types",
    "osgi.command.function=start"
})
public final class ShimCommands {

    private final ShimRegistry registry;

    @Activate
    public ShimCommands(@Reference(name = "registry") ShimRegistry registry) {
        this.registry = registry;
    }

    @Descriptor("list the deployed shim types: type, providing bundle and version, ranking, and "
            + "which service serves the type (*)")
    public String types() {
        TextTable table = new TextTable("TYPE", "BUNDLE", "VERSION", "RANKING", "SERVING");
        for (DeployedShim d : registry.deployed()) {
            table.row(d.type(), d.bundleSymbolicName(), d.bundleVersion(), d.ranking(), d.serving() ? "*" : "");
        }
        return table.toString();
    }

    @Descriptor(StartOptions.USAGE)
    public String start(@Descriptor("options, then TYPE; shim:start --help lists the options") String... args)
            throws ShimException {
        StartRequest request = StartOptions.parse(List.of(args));
        if (request.help()) {
            return StartOptions.USAGE;
        }
        SandboxConfig sandbox = SandboxConfig.of(request.sandbox(), request.type(), request.config());
        ShimProcess shim = registry.start(sandbox, request.params());
        return "id=" + shim.token() + " pid=" + shim.pid();
    }
}
