package io.shimhost.console.internal;

import java.io.File;
import java.io.IOException;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

import org.apache.felix.fileinstall.ArtifactInstaller;
import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Says what FileInstall passes over in silence: a {@code .jar} dropped into deploy/ that is no
 * bundle (not a jar, or no {@code Bundle-SymbolicName}) gets one WARN line naming the file. Bundles
 * are FileInstall's own to install; this takes only what it cannot.
 */
@Component
public final class MalformedBundles implements ArtifactInstaller {

    private static final Logger LOG = LoggerFactory.getLogger(MalformedBundles.class);

    @Override
    public boolean canHandle(File artifact) {
        return artifact.getName().endsWith(".jar") && problem(artifact) != null;
    }

    @Override
    public void install(File artifact) {
        LOG.atWarn().addKeyValue("file", artifact).log("Not deployed: " + artifact + " " + problem(artifact));
    }

    @Override
    public void update(File artifact) {
        install(artifact);
    }

    @Override
    public void uninstall(File artifact) {
        // nothing was installed
    }

    /** Why the file is no bundle, or null if it is one. */
    private static String problem(File artifact) {
        try (JarFile jar = new JarFile(artifact)) {
            Manifest manifest = jar.getManifest();
            if (manifest == null || manifest.getMainAttributes().getValue("Bundle-SymbolicName") == null) {
                return "is no OSGi bundle: its manifest has no Bundle-SymbolicName";
            }
            return null;
        } catch (IOException e) {
            return "is no OSGi bundle: it cannot be read as a jar (" + e.getMessage() + ")";
        }
    }
}
