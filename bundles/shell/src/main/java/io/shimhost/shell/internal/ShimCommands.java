package io.shimhost.shell.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

import io.shimhost.api.InvalidParameterException;
import io.shimhost.api.NamespaceType;
import io.shimhost.api.ProcessService;
import io.shimhost.api.SandboxConfig;
import io.shimhost.api.ShimException;
import io.shimhost.api.ShimProcess;
import io.shimhost.api.registry.DeployedShim;
import io.shimhost.api.registry.ShimRecord;
import io.shimhost.api.registry.ShimRecord.Supervision;
import io.shimhost.api.registry.ShimRegistry;

/**
 * The operator's Gogo commands, scope {@code shim}. Each returns the text it shows; errors are
 * exceptions whose message is the one line the shell prints. Registered as {@code Object}, as
 * Gogo needs no type, so that the launcher's console can wait for the scope by filter.
 */
@Component(service = Object.class, property = {
    "osgi.command.scope=shim",
    "osgi.command.function=types",
    "osgi.command.function=start",
    "osgi.command.function=ps",
    "osgi.command.function=signal",
    "osgi.command.function=stop",
    "osgi.command.function=wait",
    "osgi.command.function=running",
    "osgi.command.function=ns",
    "osgi.command.function=forget"
})
public final class ShimCommands {

    private final ShimRegistry registry;

    /** Tells the framework's own namespaces; absent when no core bundle is deployed. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile ProcessService processes;

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

    @Descriptor("list the shims in the durable table: id, type, container, pid, state (running, exited CODE, "
            + "killed SIGNAL, exited, status unknown, lost, unverified), how it is supervised (started here, "
            + "adopted after a restart, ended, lost, unverified), start time, uptime (while running)")
    public String ps() {
        TextTable table = new TextTable("ID", "TYPE", "CONTAINER", "PID", "STATE", "SUPERVISION", "STARTED", "UPTIME");
        Instant now = Instant.now();
        for (ShimRecord record : registry.table()) {
            ShimProcess shim = record.shim();
            table.row(shim.token(), shim.type(), shim.container().isEmpty() ? "-" : shim.container(), shim.pid(),
                    ShimStates.state(record), record.supervision().name().toLowerCase(),
                    shim.startTime().truncatedTo(ChronoUnit.SECONDS),
                    shim.isRunning() ? ShimStates.uptime(Duration.between(shim.startTime(), now)) : "-");
        }
        return table.toString();
    }

    @Descriptor("send a signal to a shim, given by id or pid; SIGNAL is a name (TERM, SIGTERM) or a number")
    public String signal(@Descriptor("the shim's id or pid") String shim, @Descriptor("the signal") String signal)
            throws ShimException {
        int number = Signals.parse(signal);
        ShimRecord target = record(shim);
        if (target.supervision() == Supervision.LOST) {
            return notSent(target, Signals.name(number));
        }
        target.shim().signal(number);
        return "sent " + Signals.name(number) + " to pid " + target.shim().pid();
    }

    @Descriptor("kill a shim with SIGKILL; one already gone is not an error")
    public String stop(@Descriptor("the shim's id or pid") String shim) throws ShimException {
        ShimRecord target = record(shim);
        if (target.supervision() == Supervision.LOST) {
            return notSent(target, "SIGKILL");
        }
        target.shim().stop();
        return "stopped pid " + target.shim().pid();
    }

    private static String notSent(ShimRecord lost, String signal) {
        return "not sent " + signal + ": shim " + lost.shim().token() + " is lost; pid " + lost.shim().pid()
                + " belongs to another process now and is never signalled";
    }

    @Descriptor("forget shims that are no longer running (ended, lost): the given ones, or all of them")
    public String forget(@Descriptor("ids or pids of the shims; none for every shim no longer running")
            String... shims) throws ShimException {
        List<ShimRecord> forgotten = new ArrayList<>();
        if (shims.length == 0) {
            forgotten.addAll(registry.forgetEnded());
        } else {
            for (String shim : shims) {
                forgotten.add(registry.forget(shim));
            }
        }
        return "forgot " + forgotten.size() + (forgotten.size() == 1 ? " shim" : " shims")
                + (forgotten.isEmpty() ? "" : ": " + String.join(" ", forgotten.stream().map(r -> r.shim().token()).toList()));
    }

    @Descriptor("wait until a shim exits and print its exit status; a timeout is an error")
    public String wait(@Parameter(names = {"-t", "--timeout"}, absentValue = "10")
            @Descriptor("seconds to wait at most (default 10)") String seconds,
            @Descriptor("the shim's id or pid") String shim) throws ShimException, InterruptedException {
        Duration limit = timeout(seconds);
        return ShimStates.describe(find(shim).waitFor(limit));
    }

    @Descriptor("print whether a shim's process is running: true or false")
    public boolean running(@Descriptor("the shim's id or pid") String shim) throws ShimException {
        return find(shim).isRunning();
    }

    @Descriptor("list a shim's namespaces: type, inode, and whether it differs from the framework's own")
    public String ns(@Descriptor("the shim's id or pid") String shim) throws ShimException {
        ShimProcess target = find(shim);
        if (target.pid() <= 0) {
            return "shim " + target.token() + " has no process (pid " + target.pid() + ")";
        }
        Map<NamespaceType, Long> own = target.namespaces();
        if (own.isEmpty()) {
            return "shim " + target.token() + " (pid " + target.pid() + ") is not running: its namespaces are gone";
        }
        ProcessService service = processes;
        Map<NamespaceType, Long> host = service == null ? Map.of() : service.hostNamespaces();
        TextTable table = new TextTable("TYPE", "INODE", "HOST");
        for (Map.Entry<NamespaceType, Long> e : own.entrySet()) {
            Long hostInode = host.get(e.getKey());
            table.row(e.getKey(), e.getValue(), hostInode == null ? "?" : hostInode.equals(e.getValue()) ? "same" : "differs");
        }
        return table.toString();
    }

    private ShimProcess find(String idOrPid) throws InvalidParameterException {
        return record(idOrPid).shim();
    }

    private ShimRecord record(String idOrPid) throws InvalidParameterException {
        return registry.record(idOrPid).orElseThrow(() -> new InvalidParameterException("ID|PID", idOrPid,
                "No shim with id or pid \"" + idOrPid + "\"; see shim:ps"));
    }

    private static Duration timeout(String seconds) throws InvalidParameterException {
        try {
            double value = Double.parseDouble(seconds);
            if (value >= 0 && value <= 86_400) {
                return Duration.ofMillis(Math.round(value * 1000));
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidParameterException("--timeout", seconds, "Invalid timeout \"" + seconds
                + "\": give seconds, from 0 to 86400");
    }
}
