package io.shimhost.shell.internal;

import java.util.List;

import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Function;
import org.apache.felix.service.command.annotations.GogoCommand;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.shimhost.shell.internal.CommandSyntax.Parsed;

/** {@code shim:running}. */
@Component(service = Function.class)
@GogoCommand(scope = "shim", function = "running")
public final class RunningCommand extends ShimCommand {

    static final CommandSyntax SYNTAX = new CommandSyntax("running", "print whether a shim's process is running: true or false",
            List.of(),
            List.of(CommandSyntax.argument("ID|PID", "the shim's id or pid")));

    private final ShimReports reports;

    @Activate
    public RunningCommand(@Reference ShimReports reports) {
        super(SYNTAX);
        this.reports = reports;
    }

    @Override
    Object run(Parsed line) throws Exception {
        return reports.running(line.argument(0));
    }

    /** For {@code help shim:running}, which lists the methods named like the command; runs it too. */
    @Descriptor("print whether a shim's process is running: true or false")
    public void running(@Descriptor("see shim:running --help") String... args) throws Exception {
        execute(null, List.of((Object[]) args));
    }
}
