package io.shimhost.shell.internal;

import io.shimhost.api.InvalidParameterException;
import io.shimhost.api.registry.OutputTail;
import io.shimhost.api.registry.ShimRecord;
import io.shimhost.shell.internal.CommandSyntax.Parsed;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Function;
import org.apache.felix.service.command.annotations.GogoCommand;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code shim:logs}: what a shim wrote to its output log, the rotated part first; with
 * {@code -f}, then what it writes, until it has exited and all is shown, or the command is
 * interrupted.
 */
@Component(service = Function.class)
@GogoCommand(scope = "shim", function = "logs")
public final class LogsCommand extends ShimCommand {

    static final CommandSyntax SYNTAX = new CommandSyntax("logs",
            "print a shim's output log (its stdout and stderr, when started with --log or its type's output.folder)",
            List.of(CommandSyntax.option("-f", "--follow", null, null, "keep printing what it writes until it exits"),
                    CommandSyntax.option("-n", "--lines", "LINES", null, "print only the last LINES lines")),
            List.of(CommandSyntax.argument("ID|PID", "the shim's id or pid")));

    /** How often a followed log is looked at: for a person reading, not for a program. */
    private static final Duration FOLLOW_PERIOD = Duration.ofMillis(200);

    private final ShimReports reports;

    @Activate
    public LogsCommand(@Reference ShimReports reports) {
        super(SYNTAX);
        this.reports = reports;
    }

    @Override
    Object run(Parsed line) throws Exception {
        int lines = OutputTail.lines("--lines", line.option("--lines"));
        ShimRecord record = reports.record(line.argument(0));
        Path file = record.outputLog().orElseThrow(() -> new InvalidParameterException("ID|PID", line.argument(0),
                "Shim " + record.shim().token() + " has no output log: start it with --log FILE, or configure "
                        + "output.folder for its type"));
        OutputTail tail = new OutputTail(file);
        System.out.write(tail.last(lines));
        System.out.flush();
        if (line.flag("--follow")) {
            try {
                follow(tail, record);
            } catch (InterruptedException e) {
                // Ctrl-C, or the control client gone: the end of the output, not an error
            }
        }
        return "";
    }

    private static void follow(OutputTail tail, ShimRecord record) throws IOException, InterruptedException {
        while (!System.out.checkError()) {
            boolean running = record.shim().isRunning();
            byte[] more = tail.next();
            System.out.write(more);
            System.out.flush();
            if (!running && more.length == 0) {
                return;
            }
            Thread.sleep(FOLLOW_PERIOD.toMillis());
        }
    }

    /** For {@code help shim:logs}, which lists the methods named like the command; runs it too. */
    @Descriptor("print a shim's output log (its stdout and stderr, when started with --log or its type's output.folder)")
    public void logs(@Descriptor("see shim:logs --help") String... args) throws Exception {
        execute(null, List.of((Object[]) args));
    }
}
