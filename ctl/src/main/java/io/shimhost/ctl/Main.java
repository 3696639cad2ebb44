package io.shimhost.ctl;

import java.io.PrintStream;
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

    /**
     * What bundles print to {@code System.out} on their own, in the launcher: it goes to stderr, out
     * of a script's output (the launcher writes what commands print to descriptor 1 itself, and
     * pins logging). One line is dropped: Felix Event Admin interrupts its own delivery threads when
     * it stops, one of them still delivering the stopping framework's events (to no handler) then
     * warns that events "may not be received in proper order", and with the Log Service already
     * stopped it prints that on System.out, in about one run in twenty.
     */
    static final class BundleOutput extends PrintStream {

        static final String EVENT_ADMIN_STOP = "WARNING: EventAdmin: Event Task Processing Interrupted.";

        BundleOutput(PrintStream err) {
            super(err, true);
        }

        @Override
        public void println(String line) {
            if (line == null || !line.startsWith(EVENT_ADMIN_STOP)) {
                super.println(line);
            }
        }
    }

    public static void main(String[] args) throws Throwable {
        if (args.length > 0 && args[0].equals("ctl")) {
            System.exit(Ctl.run(Arrays.copyOfRange(args, 1, args.length), System.in, System.out, System.err));
        }
        System.setOut(new BundleOutput(System.err));
        try {
            Class.forName(LAUNCHER).getMethod("main", String[].class).invoke(null, (Object) args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
