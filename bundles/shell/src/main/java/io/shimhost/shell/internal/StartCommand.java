package io.shimhost.shell.internal;

import java.util.List;

import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Function;
import org.apache.felix.service.command.annotations.GogoCommand;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.shimhost.shell.internal.CommandSyntax.Parsed;

/** {@code shim:start}: its options are declared by {@link StartOptions#SYNTAX}. */
@Component(service = Function.class)
@GogoCommand(scope = "shim", function = "start")
public final class StartCommand extends ShimCommand {

    private final ShimReports reports;

    @Activate
    public StartCommand(@Reference ShimReports reports) {
        super(StartOptions.SYNTAX);
        this.reports = reports;
    }

    @Override
    Object run(Parsed line) throws Exception {
        return reports.start(StartOptions.request(line));
    }

    /** For {@code help shim:start}, which lists the methods named like the command; runs it too. */
    @Descriptor("start a shim of TYPE (see shim:types) and print id=TOKEN pid=PID")
    public void start(@Descriptor("see shim:start --help") String... args) throws Exception {
        execute(null, List.of((Object[]) args));
    }
}
