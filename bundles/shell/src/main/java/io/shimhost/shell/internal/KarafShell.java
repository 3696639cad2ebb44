package io.shimhost.shell.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Function;
import org.apache.karaf.shell.api.console.Candidate;
import org.apache.karaf.shell.api.console.Command;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Parser;
import org.apache.karaf.shell.api.console.Registry;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.api.console.SessionFactory;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * The shim commands in Karaf's console with TAB completion. Karaf turns every Gogo command into a
 * console command without a completer; this puts in their place console commands that run the same
 * functions and complete from {@link Completions}. Active only where Karaf's console is (its
 * {@link SessionFactory} service); the commands stay plain Gogo functions everywhere else.
 * Karaf adds its own command as a function service appears: the replacement runs a moment later,
 * off the thread that registers the service.
 */
@Component(immediate = true)
public final class KarafShell {

    private final Registry registry;
    private final CompleteCommand completion;
    private final Map<String, ShimCommand> functions = new ConcurrentHashMap<>();
    private final Map<String, Command> placed = new ConcurrentHashMap<>();
    private final ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "shimhost-karaf-commands");
        t.setDaemon(true);
        return t;
    });

    @Activate
    public KarafShell(@Reference SessionFactory sessions,
            @Reference(target = "(osgi.command.function=complete)") Function complete) {
        this.registry = sessions.getRegistry();
        this.completion = (CompleteCommand) complete;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY,
            target = "(&(osgi.command.scope=shim)(!(osgi.command.function=complete)))")
    void addFunction(Function function) {
        if (function instanceof ShimCommand command) {
            functions.put(command.syntax().name(), command);
            later.schedule(() -> place(command.syntax().name()), 200, TimeUnit.MILLISECONDS);
        }
    }

    void removeFunction(Function function) {
        if (function instanceof ShimCommand command) {
            String name = command.syntax().name();
            functions.remove(name, command);
            Command ours = placed.remove(name);
            if (ours != null) {
                registry.unregister(ours);
            }
        }
    }

    /** Karaf's command for the function goes; ours comes, last, so that its completer is the one used. */
    private synchronized void place(String name) {
        ShimCommand function = functions.get(name);
        if (function == null) {
            return;
        }
        for (Command c : new ArrayList<>(registry.getCommands())) {
            if ("shim".equals(c.getScope()) && name.equals(c.getName())) {
                registry.unregister(c);
            }
        }
        Command ours = new ConsoleCommand(function);
        placed.put(name, ours);
        registry.register(ours);
    }

    @Deactivate
    void deactivate() {
        later.shutdownNow();
        placed.values().forEach(registry::unregister);
        placed.clear();
    }

    /** A shim command as Karaf's console runs and completes it. */
    private final class ConsoleCommand implements Command, Completer {

        private final ShimCommand function;

        ConsoleCommand(ShimCommand function) {
            this.function = function;
        }

        @Override
        public String getScope() {
            return "shim";
        }

        @Override
        public String getName() {
            return function.syntax().name();
        }

        @Override
        public String getDescription() {
            return function.syntax().description();
        }

        @Override
        public Completer getCompleter(boolean scoped) {
            return this;
        }

        @Override
        public Parser getParser() {
            return null;
        }

        @Override
        public Object execute(Session session, List<Object> arguments) throws Exception {
            return function.execute((CommandSession) session.get(".commandSession"), arguments);
        }

        @Override
        public int complete(Session session, CommandLine line, List<String> candidates) {
            List<Candidate> found = new ArrayList<>();
            completeCandidates(session, line, found);
            found.forEach(c -> candidates.add(c.value()));
            return found.isEmpty() ? -1 : line.getBufferPosition() - line.getArgumentPosition();
        }

        @Override
        public void completeCandidates(Session session, CommandLine line, List<Candidate> candidates) {
            String[] args = line.getArguments();
            int index = line.getCursorArgumentIndex();
            String word = line.getCursorArgument() == null ? "" : line.getCursorArgument();
            String current = word.substring(0, Math.min(line.getArgumentPosition(), word.length()));
            String full = "shim:" + getName();
            if (index == 0) {
                if (full.startsWith(current)) {
                    candidates.add(new Candidate(full, true));
                }
                return;
            }
            if (args.length == 0 || !(args[0].equals(full) || args[0].equals(getName()))) {
                return;
            }
            List<String> words = new ArrayList<>(List.of(args).subList(0, Math.min(index, args.length)));
            words.add(current);
            for (String value : completion.completions(null).of(words)) {
                candidates.add(new Candidate(value, value, null, null, null, null, Completions.finished(value)));
            }
        }
    }
}
