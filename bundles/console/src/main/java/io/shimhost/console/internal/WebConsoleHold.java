package io.shimhost.console.internal;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.startlevel.BundleStartLevel;
import org.osgi.framework.startlevel.FrameworkStartLevel;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * Keeps the Felix Web Console from starting in every run: its start costs a launch some 70 ms, and only
 * a daemon with a web console configured uses it. Activated as the launcher's bundle starts, which is
 * before the launcher starts the Web Console's, it puts that bundle one start level above the framework's,
 * where a start only marks it to be started; {@code io.shimhost.web} brings it down, and so starts it,
 * while it serves a web console.
 */
@Component(service = {}, immediate = true)
public final class WebConsoleHold {

    /** The Felix Web Console's symbolic name. */
    static final String WEB_CONSOLE = "org.apache.felix.webconsole";

    @Activate
    public WebConsoleHold(BundleContext context) {
        int framework = context.getBundle(0).adapt(FrameworkStartLevel.class).getStartLevel();
        for (Bundle bundle : context.getBundles()) {
            if (WEB_CONSOLE.equals(bundle.getSymbolicName()) && bundle.getState() != Bundle.ACTIVE) {
                bundle.adapt(BundleStartLevel.class).setStartLevel(framework + 1);
            }
        }
    }
}
