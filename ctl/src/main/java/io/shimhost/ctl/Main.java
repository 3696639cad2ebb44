package io.shimhost.ctl;

import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Pattern;

import io.shimhost.ctl.home.LauncherHome;
import io.shimhost.ctl.home.LauncherUsage;

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
     * A daemon says what it does at the default level (conf/logback.xml reads these properties), and
     * under journald each line carries its syslog priority. Set before logging starts; an operator's
     * own -D wins.
     */
    static void daemonLogging(String journalStream) {
        if (System.getProperty("shimhost.lifecycle.level") == null) {
            System.setProperty("shimhost.lifecycle.level", "INFO");
        }
        if (journalStream != null && !journalStream.isEmpty() && System.getProperty("shimhost.log.lines") == null) {
            System.setProperty("shimhost.log.lines", "journal");
        }
    }

    /**
     * logback falls back to its default output without a word when the file it is pointed at is not
     * there: a launcher pointed at a file that does not exist says so, naming it as it was resolved.
     */
    static Optional<String> missingLoggingConfiguration(String configured) {
        if (configured == null || configured.isBlank() || configured.contains(":")) {
            return Optional.empty(); // not given, or a URL
        }
        Path file = Path.of(configured).toAbsolutePath();
        // logback also takes a resource of the class path
        return Files.isRegularFile(file) || Main.class.getClassLoader().getResource(configured) != null ? Optional.empty()
                : Optional.of("-Dlogback.configurationFile=" + configured + ": no such file (" + file
                        + "); give its path from this folder, e.g. run/target/conf/logback-json.xml from the checkout");
    }

    /**
     * logback's configuration when none is given: {@code conf/logback.xml} beside the jar, named as a
     * file. Not through the class path: from JDK 25 the JVM refuses its class-data archive when a
     * folder that holds files is on the class path.
     */
    static Optional<String> defaultLoggingConfiguration(String configured, Path jarFolder) {
        if (configured != null && !configured.isBlank()) {
            return Optional.empty();
        }
        Path file = jarFolder.resolve("conf").resolve("logback.xml").toAbsolutePath();
        return Files.isRegularFile(file) ? Optional.of(file.toString()) : Optional.empty();
    }

    /** The jar's version as its bundles carry it ({@code 0.1.0.SNAPSHOT} for Maven's {@code 0.1.0-SNAPSHOT}). */
    static String version() {
        String version = Main.class.getPackage().getImplementationVersion();
        return version == null ? "unknown" : version.replace('-', '.');
    }

    /**
     * What bundles print to {@code System.out} on their own, in the launcher: it goes to stderr, out
     * of a script's output (the launcher writes what commands print to descriptor 1 itself, and
     * pins logging). Felix Event Admin's own messages are dropped here: while the Log Service runs
     * they reach logback through it; they come here only while it does not, which is while the
     * framework stops, when Event Admin interrupts its own delivery threads and reports the events
     * they still held ("Event Task Processing Interrupted", a RejectedExecutionException), to no
     * one's use, in about one run in twenty.
     */
    static final class BundleOutput extends PrintStream {

        /** Event Admin's fallback format: {@code LEVEL: EventAdmin: message}. */
        private static final Pattern EVENT_ADMIN = Pattern.compile("^(DEBUG|INFO|WARNING|ERROR|UNKNOWN\\[\\d+\\]): EventAdmin: ");

        BundleOutput(PrintStream err) {
            super(err, true);
        }

        @Override
        public void println(String line) {
            if (line == null || !EVENT_ADMIN.matcher(line).find()) {
                super.println(line);
            }
        }
    }

    public static void main(String[] args) throws Throwable {
        if (args.length > 0 && args[0].equals("ctl")) {
            System.exit(Ctl.run(Arrays.copyOfRange(args, 1, args.length), System.in, System.out, System.err));
        }
        // answered here, without a framework: as cheap as ctl, and quiet beside a running daemon
        if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
            System.out.println(LauncherUsage.TEXT);
            return;
        }
        if (args.length == 1 && args[0].equals("--version")) {
            System.out.println("shimhost " + version());
            return;
        }
        Optional<String> logging = missingLoggingConfiguration(System.getProperty("logback.configurationFile"));
        if (logging.isPresent()) {
            System.err.println("shimhost: " + logging.get());
            System.exit(2);
        }
        defaultLoggingConfiguration(System.getProperty("logback.configurationFile"),
                LauncherHome.home(null, System.getProperty("java.class.path")))
                .ifPresent(file -> System.setProperty("logback.configurationFile", file));
        if (args.length == 1 && args[0].equals("--daemon")) {
            daemonLogging(System.getenv("JOURNAL_STREAM"));
        }
        System.setOut(new BundleOutput(System.err));
        try {
            Class.forName(LAUNCHER).getMethod("main", String[].class).invoke(null, (Object) args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
