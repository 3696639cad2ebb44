package io.shimhost.conformance;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import org.apache.felix.framework.Felix;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;

/**
 * A Felix of its own with SCR, Configuration Admin, Metatype, Event Admin and shimhost's core and
 * registry, found as jars on the class path. The shimhost API comes from the class path through the
 * system bundle, so that the suite and the bundles share its classes.
 */
final class EmbeddedShimhost implements AutoCloseable {

    /** A class of each bundle to install, in install order, by which its jar is found. */
    private static final List<String> BUNDLES = List.of(
            "org/osgi/util/function/Function.class",
            "org/osgi/util/promise/Promise.class",
            "org/osgi/service/component/ComponentContext.class",
            "org/osgi/service/log/LogService.class",
            "org/apache/felix/scr/impl/Activator.class",
            "org/apache/felix/cm/impl/Activator.class",
            "org/apache/felix/metatype/internal/Activator.class",
            "org/apache/felix/eventadmin/impl/Activator.class",
            "io/shimhost/core/internal/PosixProcesses.class",
            "io/shimhost/registry/internal/Registry.class");

    private final Path storage;
    private final Felix felix;

    private EmbeddedShimhost(Path storage, Felix felix) {
        this.storage = storage;
        this.felix = felix;
    }

    static EmbeddedShimhost start() throws Exception {
        Path storage = Files.createTempDirectory("shimhost-conformance");
        Map<String, Object> config = new HashMap<>();
        config.put(Constants.FRAMEWORK_STORAGE, storage.resolve("felix").toString());
        config.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        config.put(Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA, exports("io/shimhost/api/Shim.class") + ","
                + exports("org/slf4j/Logger.class"));
        config.put("felix.log.level", "1");
        Felix felix = new Felix(config);
        felix.start();
        EmbeddedShimhost host = new EmbeddedShimhost(storage, felix);
        try {
            List<Bundle> installed = new ArrayList<>();
            for (String resource : BUNDLES) {
                installed.add(host.install(jarOf(resource)));
            }
            for (Bundle b : installed) {
                b.start();
            }
            return host;
        } catch (Exception | Error e) {
            host.close();
            throw e;
        }
    }

    BundleContext context() {
        return felix.getBundleContext();
    }

    Bundle install(Path jar) throws BundleException {
        return context().installBundle(jar.toUri().toString());
    }

    /** The service, once registered; null if it is not within {@code patience}. */
    <T> T await(Class<T> type, Duration patience) throws InterruptedException {
        Instant deadline = Instant.now().plus(patience);
        while (true) {
            ServiceReference<T> ref = context().getServiceReference(type);
            if (ref != null) {
                T service = context().getService(ref);
                if (service != null) {
                    return service;
                }
            }
            if (Instant.now().isAfter(deadline)) {
                return null;
            }
            Thread.sleep(20);
        }
    }

    @Override
    public void close() throws Exception {
        try {
            felix.stop();
            felix.waitForStop(30_000);
        } finally {
            try (Stream<Path> walk = Files.walk(storage)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /**
     * The bundle jar on the class path that holds {@code resource}. API-only jars such as osgi.core,
     * which may hold the same classes, declare that they must not resolve, and are passed over.
     */
    private static Path jarOf(String resource) throws IOException {
        for (URL url : Collections.list(EmbeddedShimhost.class.getClassLoader().getResources(resource))) {
            if (!url.getProtocol().equals("jar")) {
                continue;
            }
            Path jar;
            try {
                jar = Path.of(new URL(url.getPath().substring(0, url.getPath().indexOf("!/"))).toURI());
            } catch (URISyntaxException e) {
                throw new IOException("Cannot read the jar of " + resource + ": " + url, e);
            }
            try (JarFile file = new JarFile(jar.toFile())) {
                String requires = file.getManifest() == null ? null
                        : file.getManifest().getMainAttributes().getValue(Constants.REQUIRE_CAPABILITY);
                if (requires == null || !requires.contains("osgi.unresolvable")) {
                    return jar;
                }
            }
        }
        throw new IOException("No bundle on the class path holds " + resource + ": add the suite's dependencies "
                + "(io.shimhost:shimhost-conformance brings them) to the test class path");
    }

    /** The Export-Package header of the jar that holds {@code resource}. */
    private static String exports(String resource) throws IOException {
        try (JarFile jar = new JarFile(jarOf(resource).toFile())) {
            String exports = jar.getManifest().getMainAttributes().getValue(Constants.EXPORT_PACKAGE);
            if (exports == null) {
                throw new IOException(jar.getName() + " exports no package");
            }
            return exports;
        }
    }
}
