package io.shimhost.shell.internal;

import java.util.List;

import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Function;

import io.shimhost.shell.internal.CommandSyntax.Parsed;

/**
 * A {@code shim} command as a Gogo {@link Function}: the shell hands it the arguments as they are,
 * so no method of the command object (such as {@code Object.wait(long)} for {@code shim:wait 42})
 * can be picked instead, and the command reads them by its {@link CommandSyntax}. It prints what
 * it shows rather than returning it: Karaf's console prints returned values only in an interactive
 * session. Errors are exceptions whose message is the one line the shell prints.
 */
abstract class ShimCommand implements Function {

    private final CommandSyntax syntax;

    ShimCommand(CommandSyntax syntax) {
        this.syntax = syntax;
    }

    @Override
    public Object execute(CommandSession session, List<Object> arguments) throws Exception {
        Parsed parsed = syntax.parse(arguments);
        Object shown = parsed.help() ? syntax.help() : run(parsed);
        if (shown instanceof Streamed streamed) {
            streamed.printTo(System.out);
        } else if (!"".equals(shown)) {
            System.out.println(shown);
        }
        return null;
    }

    /** @return what the command accepts */
    CommandSyntax syntax() {
        return syntax;
    }

    /** Runs the command on its parsed line; returns what it prints, nothing for an empty string. */
    abstract Object run(Parsed line) throws Exception;
}
