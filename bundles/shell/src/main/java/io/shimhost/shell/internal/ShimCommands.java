package io.shimhost.shell.internal;

import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

import io.shimhost.api.ProcessService;
import io.shimhost.api.ShimException;
import io.shimhost.api.registry.ShimRegistry;

/**
 * The operator's Gogo commands, scope {@code shim}. Each prints what it shows to the session's
 * output rather than returning it: Karaf's console prints returned values only in an interactive
 * session, and {@code bin/client} batches would show nothing. Errors are exceptions whose message
 * is the one line the shell prints; {@link ShimReports} makes the text. Registered as
 * {@code Object}, as Gogo needs no type, so that the launcher's console can wait for the scope by
 * filter.
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

    private final ShimReports reports;

    /** Tells the framework's own namespaces; absent when no core bundle is deployed. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile ProcessService processes;

    @Activate
    public ShimCommands(@Reference(name = "registry") ShimRegistry registry) {
        this.reports = new ShimReports(registry, () -> processes);
    }

    @Descriptor("list the deployed shim types: type, providing bundle and version, ranking, and "
            + "which service serves the type (*)")
    public void types() {
        System.out.println(reports.types());
    }

    @Descriptor(StartOptions.USAGE)
    public void start(@Descriptor("options, then TYPE; shim:start --help lists the options") String... args)
            throws ShimException {
        System.out.println(reports.start(args));
    }

    @Descriptor("list the shims in the durable table: id, type, container, pid, state (running, exited CODE, "
            + "killed SIGNAL, exited, status unknown, lost, unverified), how it is supervised (started here, "
            + "adopted after a restart, ended, lost, unverified), start time, uptime (while running)")
    public void ps() {
        System.out.println(reports.ps());
    }

    @Descriptor("send a signal to a shim, given by id or pid; SIGNAL is a name (TERM, SIGTERM) or a number")
    public void signal(@Descriptor("the shim's id or pid") String shim, @Descriptor("the signal") String signal)
            throws ShimException {
        System.out.println(reports.signal(shim, signal));
    }

    @Descriptor("kill a shim with SIGKILL; one already gone is not an error")
    public void stop(@Descriptor("the shim's id or pid") String shim) throws ShimException {
        System.out.println(reports.stop(shim));
    }

    @Descriptor("forget shims that are no longer running (ended, lost): the given ones, or all of them")
    public void forget(@Descriptor("ids or pids of the shims; none for every shim no longer running")
            String... shims) throws ShimException {
        System.out.println(reports.forget(shims));
    }

    @Descriptor("wait until a shim exits and print its exit status; a timeout is an error")
    public void wait(@Parameter(names = {"-t", "--timeout"}, absentValue = "10")
            @Descriptor("seconds to wait at most (default 10)") String seconds,
            @Descriptor("the shim's id or pid") String shim) throws ShimException, InterruptedException {
        System.out.println(reports.wait(seconds, shim));
    }

    @Descriptor("print whether a shim's process is running: true or false")
    public void running(@Descriptor("the shim's id or pid") String shim) throws ShimException {
        System.out.println(reports.running(shim));
    }

    @Descriptor("list a shim's namespaces: type, inode, and whether it differs from the framework's own")
    public void ns(@Descriptor("the shim's id or pid") String shim) throws ShimException {
        System.out.println(reports.ns(shim));
    }
}
