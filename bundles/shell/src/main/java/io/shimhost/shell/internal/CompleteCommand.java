package io.shimhost.shell.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Function;
import org.apache.felix.service.command.annotations.GogoCommand;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * {@code shim:complete WORD... CURRENT}: prints, one a line, what may complete the last word of a
 * command line ({@link Completions}); the words are taken as they are, options included. It is how
 * the launcher's interactive shell, {@code ctl}'s and Karaf's complete with TAB, and it serves any
 * other client of the control socket.
 */
@Component(service = Function.class)
@GogoCommand(scope = "shim", function = "complete")
public final class CompleteCommand implements Function {

    private final ShimReports reports;

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY,
            target = "(&(osgi.command.scope=shim)(!(osgi.command.function=complete)))")
    private volatile List<Function> commands = List.of();

    @Activate
    public CompleteCommand(@Reference ShimReports reports) {
        this.reports = reports;
    }

    @Override
    public Object execute(CommandSession session, List<Object> arguments) throws Exception {
        List<String> words = new ArrayList<>();
        arguments.forEach(a -> words.add(a == null ? "" : String.valueOf(a)));
        if (words.isEmpty()) {
            words.add("");
        }
        for (String candidate : completions(session).of(words)) {
            System.out.println(candidate);
        }
        return null;
    }

    /** What completes {@code words} in this session. */
    Completions completions(CommandSession session) {
        Map<String, CommandSyntax> syntax = new TreeMap<>();
        for (Function f : commands) {
            if (f instanceof ShimCommand command) {
                syntax.put(command.syntax().name(), command.syntax());
            }
        }
        Object known = session == null ? null : session.get(".commands");
        List<String> others = new ArrayList<>();
        if (known instanceof Collection<?> names) {
            names.forEach(n -> others.add(String.valueOf(n)));
        }
        return new Completions(syntax, others, reports.node());
    }

    /** For {@code help shim:complete}, which lists the methods named like the command; runs it too. */
    @Descriptor("print what may complete the last word of a command line, one a line (for shells and clients)")
    public void complete(@Descriptor("the line's words, the last one to complete") String... words) throws Exception {
        execute(null, List.of((Object[]) words));
    }
}
