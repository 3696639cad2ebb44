package io.shimhost.shell.internal;

import java.util.List;

import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Function;
import org.apache.felix.service.command.annotations.GogoCommand;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.shimhost.api.ShimType;
import io.shimhost.shell.internal.CommandSyntax.Parsed;

/** {@code shim:config}. */
@Component(service = Function.class)
@GogoCommand(scope = "shim", function = "config")
public final class ConfigCommand extends ShimCommand {

    static final CommandSyntax SYNTAX = new CommandSyntax("config", "show a shim type's configuration: each key's type, default, current value and where it comes from, and what it does",
            List.of(Format.option()),
            List.of(CommandSyntax.argument("TYPE", "a deployed shim type")));

    private final ShimReports reports;

    @Activate
    public ConfigCommand(@Reference ShimReports reports) {
        super(SYNTAX);
        this.reports = reports;
    }

    @Override
    Object run(Parsed line) throws Exception {
        return reports.config(ShimType.parse(line.argument(0)), Format.parse(line.option(Format.OPTION)));
    }

    /** For {@code help shim:config}, which lists the methods named like the command; runs it too. */
    @Descriptor("show a shim type's configuration: each key's type, default, current value and where it comes from, and what it does")
    public void config(@Descriptor("see shim:config --help") String... args) throws Exception {
        execute(null, List.of((Object[]) args));
    }
}
