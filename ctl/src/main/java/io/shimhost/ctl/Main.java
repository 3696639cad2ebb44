package io.shimhost.ctl;

import java.lang.reflect.InvocationTargetException;
import java.util.Arrays;

/**
 * The executable jar's entry point: {@code ctl ...} runs the client, which starts no framework, so
 * that it costs about what the bare JVM does; anything else goes to bnd's embedded launcher,
 * which starts the framework.
 */
public final class Main {

    private static final String LAUNCHER = "aQute.launcher.pre.EmbeddedLauncher";

    private Main() {
    }

    public static void main(String[] args) throws Throwable {
        if (args.length > 0 && args[0].equals("ctl")) {
            System.exit(Ctl.run(Arrays.copyOfRange(args, 1, args.length), System.in, System.out, System.err));
        }
        // The launcher writes what commands print to descriptor 1 itself, and pins logging there or to 2;
        // whatever else prints to System.out goes to stderr, out of a script's output. Felix Event
        // Admin, stopping, can print a warning there ("Event Task Processing Interrupted") when no
        // Log Service is left to take it.
        System.setOut(System.err);
        try {
            Class.forName(LAUNCHER).getMethod("main", String[].class).invoke(null, (Object) args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
