package io.shimhost.shell.internal;

import java.util.List;

import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Function;
import org.apache.felix.service.command.annotations.GogoCommand;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.shimhost.shell.internal.CommandSyntax.Parsed;

/** {@code shim:signal}. */
@Component(service = Function.class)
@GogoCommand(scope = "shim", function = "signal")
public final class SignalCommand extends ShimCommand {

    static final CommandSyntax SYNTAX = new CommandSyntax("signal", "send a signal to a shim, given by id or pid; SIGNAL is a name (TERM, SIGTERM) or a number",
            List.of(),
            List.of(CommandSyntax.argument("ID|PID", "the shim's id or pid"), CommandSyntax.argument("SIGNAL", "a name such as TERM or SIGTERM, or a number")));

    private final ShimReports reports;

    @Activate
    public SignalCommand(@Reference ShimReports reports) {
        super(SYNTAX);
        this.reports = reports;
    }

    @Override
    Object run(Parsed line) throws Exception {
        return reports.signal(line.argument(0), line.argument(1));
    }

    /** For {@code help shim:signal}, which lists the methods named like the command; runs it too. */
    @Descriptor("send a signal to a shim, given by id or pid; SIGNAL is a name (TERM, SIGTERM) or a number")
    public void signal(@Descriptor("see shim:signal --help") String... args) throws Exception {
        execute(null, List.of((Object[]) args));
    }
}
