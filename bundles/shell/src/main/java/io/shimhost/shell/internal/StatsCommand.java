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
 * {@code shim:stats}: what each running shim uses, read live from {@code /proc}, as
 * {@code podman stats} shows it; with {@code --watch}, again every SECONDS until interrupted.
 */
@Component(service = Function.class)
@GogoCommand(scope = "shim", function = "stats")
public final class StatsCommand extends ShimCommand {

    static final CommandSyntax SYNTAX = new CommandSyntax("stats",
            "print what running shims use: CPU time, resident memory, threads, descriptors, I/O bytes",
            List.of(Format.option(), CommandSyntax.option("-w", "--watch", "SECONDS", null,
                    "print again every SECONDS (1 to 3600) until interrupted (Ctrl-C)")),
            List.of(new CommandSyntax.Argument("ID|PID", false, true, "the shims; none for every running shim")));

    private final ShimReports reports;

    @Activate
    public StatsCommand(@Reference ShimReports reports) {
        super(SYNTAX);
        this.reports = reports;
    }

    @Override
    Object run(Parsed line) throws Exception {
        Format format = Format.parse(line.option(Format.OPTION));
        List<String> shims = line.arguments();
        String watch = line.option("--watch");
        if (watch == null) {
            return reports.stats(shims, format);
        }
        long seconds = reports.watchPeriod(watch);
        try {
            while (!System.out.checkError()) {
                System.out.println(reports.stats(shims, format));
                System.out.flush();
                Thread.sleep(seconds * 1000);
            }
        } catch (InterruptedException e) {
            // Ctrl-C, or the control client gone: the end of the watch, not an error
        }
        return "";
    }

    /** For {@code help shim:stats}, which lists the methods named like the command; runs it too. */
    @Descriptor("print what running shims use: CPU time, resident memory, threads, descriptors, I/O bytes")
    public void stats(@Descriptor("see shim:stats --help") String... args) throws Exception {
        execute(null, List.of((Object[]) args));
    }
}
