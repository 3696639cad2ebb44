package io.shimhost.shell.internal;

import java.util.List;

import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Function;
import org.apache.felix.service.command.annotations.GogoCommand;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.shimhost.shell.internal.CommandSyntax.Parsed;

/** {@code shim:wait}. */
@Component(service = Function.class)
@GogoCommand(scope = "shim", function = "wait")
public final class WaitCommand extends ShimCommand {

    static final CommandSyntax SYNTAX = new CommandSyntax("wait", "wait until a shim exits and print its exit status; a timeout is an error",
            List.of(CommandSyntax.option("-t", "--timeout", "SECONDS", "10", "seconds to wait at most"), Format.option()),
            List.of(CommandSyntax.argument("ID|PID", "the shim's id or pid")));

    private final ShimReports reports;

    @Activate
    public WaitCommand(@Reference ShimReports reports) {
        super(SYNTAX);
        this.reports = reports;
    }

    @Override
    Object run(Parsed line) throws Exception {
        return reports.wait(line.option("--timeout"), line.argument(0), Format.parse(line.option(Format.OPTION)));
    }

    /** For {@code help shim:wait}, which lists the methods named like the command; runs it too. */
    @Descriptor("wait until a shim exits and print its exit status; a timeout is an error")
    public void wait(@Descriptor("see shim:wait --help") String... args) throws Exception {
        execute(null, List.of((Object[]) args));
    }
}
