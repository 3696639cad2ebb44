package io.shimhost.itests;

import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.cleanCaches;
import static org.ops4j.pax.exam.CoreOptions.composite;
import static org.ops4j.pax.exam.CoreOptions.junitBundles;
import static org.ops4j.pax.exam.CoreOptions.mavenBundle;
import static org.ops4j.pax.exam.CoreOptions.options;
import static org.ops4j.pax.exam.CoreOptions.systemPackages;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import java.io.File;
import java.time.Duration;
import java.util.Arrays;
import java.util.function.BooleanSupplier;

import org.ops4j.pax.exam.Option;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

/**
 * The framework every in-framework test runs: Felix with SCR, Configuration Admin, Metatype and
 * the Gogo runtime, and the shimhost bundles as the reactor just built them.
 */
final class ShimhostFramework {

    /** Symbolic names of the bundles the reactor builds, in install order. */
    static final String[] SHIMHOST_BUNDLES = {
        "io.shimhost.api", "io.shimhost.registry", "io.shimhost.shim.noop", "io.shimhost.shim.kata",
        "io.shimhost.shim.kata.builtin", "io.shimhost.json", "io.shimhost.shell"
    };

    private static final String SLF4J_VERSION = System.getProperty("shimhost.slf4j.version", "2.0.17");
    private static final String[] SLF4J_PACKAGES = {
        "org.slf4j;version=" + SLF4J_VERSION, "org.slf4j.event;version=" + SLF4J_VERSION,
        "org.slf4j.helpers;version=" + SLF4J_VERSION, "org.slf4j.spi;version=" + SLF4J_VERSION
    };

    private ShimhostFramework() {
    }

    /** The framework without the core bundle: no process service, so no kataShim. */
    static Option[] framework() {
        return framework(SHIMHOST_BUNDLES);
    }

    /** The framework with the core bundle too: the real process service. */
    static Option[] frameworkWithCore() {
        String[] withCore = Arrays.copyOf(SHIMHOST_BUNDLES, SHIMHOST_BUNDLES.length + 1);
        withCore[SHIMHOST_BUNDLES.length] = "io.shimhost.core";
        return framework(withCore);
    }

    private static Option[] framework(String[] bundles) {
        Option[] shimhost = new Option[bundles.length];
        for (int i = 0; i < shimhost.length; i++) {
            shimhost[i] = bundle(jar(bundles[i]).toURI().toString());
        }
        return options(
                cleanCaches(),
                systemProperty("org.ops4j.pax.logging.DefaultServiceLog.level").value("WARN"),
                junitBundles(),
                mavenBundle("org.osgi", "org.osgi.util.function").versionAsInProject(),
                mavenBundle("org.osgi", "org.osgi.util.promise").versionAsInProject(),
                mavenBundle("org.osgi", "org.osgi.util.converter").versionAsInProject(),
                mavenBundle("org.osgi", "org.osgi.service.component").versionAsInProject(),
                mavenBundle("org.osgi", "org.osgi.service.log").versionAsInProject(),
                mavenBundle("org.apache.felix", "org.apache.felix.scr").versionAsInProject(),
                mavenBundle("org.apache.felix", "org.apache.felix.configadmin").versionAsInProject(),
                mavenBundle("org.apache.felix", "org.apache.felix.metatype").versionAsInProject(),
                mavenBundle("org.apache.felix", "org.apache.felix.eventadmin").versionAsInProject(),
                mavenBundle("com.fasterxml.jackson.core", "jackson-core").versionAsInProject(),
                mavenBundle("org.apache.felix", "org.apache.felix.gogo.runtime").versionAsInProject(),
                mavenBundle("net.bytebuddy", "byte-buddy").versionAsInProject(),
                mavenBundle("org.assertj", "assertj-core").versionAsInProject(),
                // as in the launcher, SLF4J comes from the framework's class path, not a bundle
                systemPackages(SLF4J_PACKAGES),
                composite(shimhost));
    }

    /**
     * Felix Health Checks (with the HTTP API packages its core imports, and no HTTP server) and the
     * bundle that turns the self-checks into health checks.
     */
    static Option healthChecks() {
        return composite(
                mavenBundle("org.apache.felix", "org.apache.felix.http.servlet-api").versionAsInProject(),
                mavenBundle("org.osgi", "org.osgi.service.http").versionAsInProject(),
                mavenBundle("org.osgi", "org.osgi.service.http.whiteboard").versionAsInProject(),
                mavenBundle("org.apache.felix", "org.apache.felix.healthcheck.api").versionAsInProject(),
                mavenBundle("org.apache.felix", "org.apache.felix.healthcheck.core").versionAsInProject(),
                bundle(jar("io.shimhost.health").toURI().toString()));
    }

    /** How long the framework may take to react to a change (services, configuration). */
    static final Duration PATIENCE = Duration.ofSeconds(10);

    /** Waits until the condition holds, failing with {@code what} after {@link #PATIENCE}. */
    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Not within " + PATIENCE + ": " + what);
            }
            Thread.sleep(5);
        }
    }

    /** The installed bundle with that symbolic name. */
    static Bundle installed(BundleContext context, String symbolicName) {
        return Arrays.stream(context.getBundles()).filter(b -> symbolicName.equals(b.getSymbolicName()))
                .findFirst().orElseThrow(() -> new AssertionError("bundle " + symbolicName + " not installed"));
    }

    /** The jar of one of our bundles, as the reactor built it (failsafe passes the paths). */
    static File jar(String symbolicName) {
        String path = System.getProperty("shimhost.bundle." + symbolicName);
        if (path == null || !new File(path).isFile()) {
            throw new IllegalStateException("No built jar for " + symbolicName + " at " + path
                    + ": run the integration tests through Maven (mvn verify), which builds the bundles first");
        }
        return new File(path);
    }
}
