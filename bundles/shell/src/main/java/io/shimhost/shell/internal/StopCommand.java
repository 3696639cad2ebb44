package io.shimhost.shell.internal;

import java.util.List;

import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Function;
import org.apache.felix.service.command.annotations.GogoCommand;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.shimhost.shell.internal.CommandSyntax.Parsed;

/** {@code shim:stop}. */
@Component(service = Function.class)
@GogoCommand(scope = "shim", function = "stop")
public final class StopCommand extends ShimCommand {

    static final CommandSyntax SYNTAX = new CommandSyntax("stop", "kill a shim with SIGKILL, or with -t stop it gracefully; one already gone is not an error",
            List.of(CommandSyntax.option("-t", "--timeout", "SECONDS", null,
                    "graceful: SIGTERM, then SIGKILL if it has not exited after SECONDS (0 to 86400)")),
            List.of(CommandSyntax.argument("ID|PID", "the shim's id or pid")));

    private final ShimReports reports;

    @Activate
    public StopCommand(@Reference ShimReports reports) {
        super(SYNTAX);
        this.reports = reports;
    }

    @Override
    Object run(Parsed line) throws Exception {
        return reports.stop(line.argument(0), line.option("--timeout"));
    }

    /** For {@code help shim:stop}, which lists the methods named like the command; runs it too. */
    @Descriptor("kill a shim with SIGKILL, or with -t stop it gracefully; one already gone is not an error")
    public void stop(@Descriptor("see shim:stop --help") String... args) throws Exception {
        execute(null, List.of((Object[]) args));
    }
}
