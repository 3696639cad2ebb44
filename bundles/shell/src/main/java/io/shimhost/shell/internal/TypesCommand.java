package io.shimhost.shell.internal;

import java.util.List;

import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Function;
import org.apache.felix.service.command.annotations.GogoCommand;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.shimhost.shell.internal.CommandSyntax.Parsed;

/** {@code shim:types}. */
@Component(service = Function.class)
@GogoCommand(scope = "shim", function = "types")
public final class TypesCommand extends ShimCommand {

    static final CommandSyntax SYNTAX = new CommandSyntax("types", "list the deployed shim types: type, providing bundle and version, ranking, and which service serves the type (*)",
            List.of(Format.option()),
            List.of());

    private final ShimReports reports;

    @Activate
    public TypesCommand(@Reference ShimReports reports) {
        super(SYNTAX);
        this.reports = reports;
    }

    @Override
    Object run(Parsed line) throws Exception {
        return reports.types(Format.parse(line.option(Format.OPTION)));
    }

    /** For {@code help shim:types}, which lists the methods named like the command; runs it too. */
    @Descriptor("list the deployed shim types: type, providing bundle and version, ranking, and which service serves the type (*)")
    public void types(@Descriptor("see shim:types --help") String... args) throws Exception {
        execute(null, List.of((Object[]) args));
    }
}
