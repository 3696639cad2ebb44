package io.shimhost.shell.internal;

import java.util.List;

import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Function;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code shim:start}: its options are read by {@link StartOptions}. */
@Component(service = Function.class, property = {"osgi.command.scope=shim", "osgi.command.function=start"})
public final class StartCommand implements Function {

    private final ShimReports reports;

    @Activate
    public StartCommand(@Reference ShimReports reports) {
        this.reports = reports;
    }

    /** An unset variable ({@code $nothing}) arrives as null and is read as an empty value. */
    @Override
    public Object execute(CommandSession session, List<Object> arguments) throws Exception {
        System.out.println(reports.start(arguments.stream().map(a -> a == null ? "" : String.valueOf(a))
                .toArray(String[]::new)));
        return null;
    }

    /** For {@code help shim:start}, which lists the methods named like the command; runs it too. */
    @Descriptor(StartOptions.USAGE)
    public void start(@Descriptor("options, then TYPE; shim:start --help lists the options") String... args)
            throws Exception {
        execute(null, List.of((Object[]) args));
    }
}
