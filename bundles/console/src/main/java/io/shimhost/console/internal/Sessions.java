package io.shimhost.console.internal;

import java.io.InputStream;
import java.io.PrintStream;

import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;

/**
 * Every Gogo session the launcher opens (script, shell, control connection): an unqualified command
 * resolves to the framework's own ({@code felix:start}, {@code felix:stop}) before any other scope's,
 * as Karaf orders its scopes, so that {@code stop 30} meant for a bundle never reaches
 * {@code shim:stop}; shim commands are named with their scope.
 */
final class Sessions {

    /** Gogo's search order for unqualified commands. */
    static final String SCOPE = "framework:felix:gogo:*";

    private Sessions() {
    }

    static CommandSession open(CommandProcessor processor, InputStream in, PrintStream out, PrintStream err) {
        CommandSession session = processor.createSession(in, out, err);
        session.put("SCOPE", SCOPE);
        return session;
    }
}
