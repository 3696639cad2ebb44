package io.shimhost.shell.internal;

import java.util.ArrayList;
import java.util.List;

import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Function;
import org.apache.felix.service.command.annotations.GogoCommand;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.shimhost.api.registry.ShimFilter;
import io.shimhost.shell.internal.CommandSyntax.Parsed;

/** {@code shim:ps}. */
@Component(service = Function.class)
@GogoCommand(scope = "shim", function = "ps")
public final class PsCommand extends ShimCommand {

    static final CommandSyntax SYNTAX = new CommandSyntax("ps", "list the shims in the durable table: id, type, container, pid, state, how it is supervised, start time, uptime",
            List.of(Format.option(), CommandSyntax.option("-q", "--quiet", null, null, "print the ids only, one a line"),
                    CommandSyntax.repeatable("--filter", "KEY=VALUE",
                            "only the shims whose type, container, sandbox or state is VALUE; repeated, all must hold")),
            List.of());

    private final ShimReports reports;

    @Activate
    public PsCommand(@Reference ShimReports reports) {
        super(SYNTAX);
        this.reports = reports;
    }

    @Override
    Object run(Parsed line) throws Exception {
        List<ShimFilter> filters = new ArrayList<>();
        for (String filter : line.values("--filter")) {
            filters.add(ShimFilter.parse(filter));
        }
        return reports.ps(Format.parse(line.option(Format.OPTION)), line.flag("--quiet"), filters);
    }

    /** For {@code help shim:ps}, which lists the methods named like the command; runs it too. */
    @Descriptor("list the shims in the durable table: id, type, container, pid, state, how it is supervised, start time, uptime")
    public void ps(@Descriptor("see shim:ps --help") String... args) throws Exception {
        execute(null, List.of((Object[]) args));
    }
}
