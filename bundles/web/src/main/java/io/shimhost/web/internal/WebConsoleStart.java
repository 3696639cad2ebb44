package io.shimhost.web.internal;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.startlevel.BundleStartLevel;
import org.osgi.framework.startlevel.FrameworkStartLevel;

/**
 * Starts and stops the Felix Web Console by its start level: the launcher holds it one level above the
 * framework's (io.shimhost.console's {@code WebConsoleHold}), marked to be started, so that a run without a
 * web console does not pay for its start. Down to the framework's level it starts; back up, it stops.
 */
final class WebConsoleStart {

    static final String WEB_CONSOLE = "org.apache.felix.webconsole";

    private WebConsoleStart() {
    }

    /** Starts the Web Console, where it is held. */
    static void release(BundleContext context) {
        setLevel(context, 0);
    }

    /** Stops it again, where the launcher holds it. */
    static void hold(BundleContext context) {
        setLevel(context, 1);
    }

    private static void setLevel(BundleContext context, int aboveFramework) {
        int framework = context.getBundle(0).adapt(FrameworkStartLevel.class).getStartLevel();
        for (Bundle bundle : context.getBundles()) {
            if (WEB_CONSOLE.equals(bundle.getSymbolicName())) {
                bundle.adapt(BundleStartLevel.class).setStartLevel(framework + aboveFramework);
            }
        }
    }
}
