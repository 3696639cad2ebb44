package io.shimhost.shell.internal;

import java.util.List;

import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Function;
import org.apache.felix.service.command.annotations.GogoCommand;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.shimhost.shell.internal.CommandSyntax.Parsed;

/** {@code shim:ns}. */
@Component(service = Function.class)
@GogoCommand(scope = "shim", function = "ns")
public final class NsCommand extends ShimCommand {

    static final CommandSyntax SYNTAX = new CommandSyntax("ns", "list a shim's namespaces: type, inode, and whether it differs from the framework's own",
            List.of(Format.option()),
            List.of(CommandSyntax.argument("ID|PID", "the shim's id or pid")));

    private final ShimReports reports;

    @Activate
    public NsCommand(@Reference ShimReports reports) {
        super(SYNTAX);
        this.reports = reports;
    }

    @Override
    Object run(Parsed line) throws Exception {
        return reports.ns(line.argument(0), Format.parse(line.option(Format.OPTION)));
    }

    /** For {@code help shim:ns}, which lists the methods named like the command; runs it too. */
    @Descriptor("list a shim's namespaces: type, inode, and whether it differs from the framework's own")
    public void ns(@Descriptor("see shim:ns --help") String... args) throws Exception {
        execute(null, List.of((Object[]) args));
    }
}
