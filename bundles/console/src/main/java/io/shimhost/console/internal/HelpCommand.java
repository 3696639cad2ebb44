package io.shimhost.console.internal;

import java.util.Collection;

import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Descriptor;
import org.osgi.service.component.annotations.Component;

/**
 * {@code help [COMMAND]} in the launcher's sessions (its scope comes first, {@link Sessions#SCOPE}):
 * a shim command's help is its own usage with every option ({@code shim:wait --help}); Gogo's
 * {@code felix:help} would list every method named like it, {@code Object.wait} and its overloads
 * included. Any other command, and {@code help} alone, go to {@code felix:help}.
 */
@Component(service = Object.class, property = { "osgi.command.scope=framework", "osgi.command.function=help" })
public final class HelpCommand {

    private static final String SHIM_SCOPE = "shim:";

    @Descriptor("list the commands")
    public Object help(CommandSession session) throws Exception {
        return session.execute("felix:help");
    }

    @Descriptor("print a command's help: for shim commands, their usage and every option")
    public Object help(CommandSession session, @Descriptor("the command, with or without its scope") String command)
            throws Exception {
        String shim = command.startsWith(SHIM_SCOPE) ? command : SHIM_SCOPE + command;
        if (known(session, shim) && (command.startsWith(SHIM_SCOPE) || !known(session, "felix:" + command))) {
            return session.execute(shim + " --help");
        }
        return session.execute("felix:help " + command);
    }

    private static boolean known(CommandSession session, String command) {
        return session.get(".commands") instanceof Collection<?> commands && commands.contains(command);
    }
}
