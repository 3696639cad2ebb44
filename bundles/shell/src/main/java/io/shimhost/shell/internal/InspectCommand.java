package io.shimhost.shell.internal;

import java.util.List;

import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Function;
import org.apache.felix.service.command.annotations.GogoCommand;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.shimhost.shell.internal.CommandSyntax.Parsed;

/**
 * {@code shim:inspect}: a shim as JSON, with its output log and, while it runs, its argv,
 * environment names and stdio read live: the document {@code GET /v1/shims/{id}} answers.
 */
@Component(service = Function.class)
@GogoCommand(scope = "shim", function = "inspect")
public final class InspectCommand extends ShimCommand {

    static final CommandSyntax SYNTAX = new CommandSyntax("inspect",
            "print a shim as JSON: its row, output log, and while it runs its argv, environment names and stdio",
            List.of(),
            List.of(CommandSyntax.argument("ID|PID", "the shim's id or pid")));

    private final ShimReports reports;

    @Activate
    public InspectCommand(@Reference ShimReports reports) {
        super(SYNTAX);
        this.reports = reports;
    }

    @Override
    Object run(Parsed line) throws Exception {
        return reports.inspect(line.argument(0));
    }

    /** For {@code help shim:inspect}, which lists the methods named like the command; runs it too. */
    @Descriptor("print a shim as JSON: its row, output log, and while it runs its argv, environment names and stdio")
    public void inspect(@Descriptor("see shim:inspect --help") String... args) throws Exception {
        execute(null, List.of((Object[]) args));
    }
}
