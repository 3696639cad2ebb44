package io.shimhost.shell.internal;

import java.util.List;

import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Function;
import org.apache.felix.service.command.annotations.GogoCommand;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.shimhost.shell.internal.CommandSyntax.Parsed;

/** {@code shim:forget}. */
@Component(service = Function.class)
@GogoCommand(scope = "shim", function = "forget")
public final class ForgetCommand extends ShimCommand {

    static final CommandSyntax SYNTAX = new CommandSyntax("forget", "forget shims that are no longer running (ended, lost): the given ones, or all of them",
            List.of(),
            List.of(new CommandSyntax.Argument("ID|PID", false, true, "ids or pids of the shims; none for every shim no longer running")));

    private final ShimReports reports;

    @Activate
    public ForgetCommand(@Reference ShimReports reports) {
        super(SYNTAX);
        this.reports = reports;
    }

    @Override
    Object run(Parsed line) throws Exception {
        return reports.forget(line.arguments().toArray(String[]::new));
    }

    /** For {@code help shim:forget}, which lists the methods named like the command; runs it too. */
    @Descriptor("forget shims that are no longer running (ended, lost): the given ones, or all of them")
    public void forget(@Descriptor("see shim:forget --help") String... args) throws Exception {
        execute(null, List.of((Object[]) args));
    }
}
