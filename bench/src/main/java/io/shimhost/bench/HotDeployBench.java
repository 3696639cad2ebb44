package io.shimhost.bench;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.ServiceLoader;
import java.util.function.BooleanSupplier;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;

/**
 * Hot deployment of the example shim bundle into a running Felix with the launcher's bundles:
 * from installBundle + start to its type being usable in the registry, and from uninstall to the
 * type being gone, in a warm framework (one framework, many cycles) and in cold ones (a fresh
 * framework for each sample). The baseline is the framework's own part: install + start returning.
 * Usage: HotDeployBench LAUNCHER_JAR EXAMPLE_JAR [WARM_CYCLES] [COLD_SAMPLES]
 */
public final class HotDeployBench {

    private static final String TYPE = "commandShim";

    public static void main(String[] args) throws Exception {
        Path launcher = Path.of(args[0]);
        Path example = Path.of(args[1]);
        int warm = args.length > 2 ? Integer.parseInt(args[2]) : 50;
        int cold = args.length > 3 ? Integer.parseInt(args[3]) : 10;
        List<double[]> warmSamples = new ArrayList<>();
        Framework framework = boot(launcher);
        try {
            for (int i = 0; i < warm + 5; i++) {
                double[] s = cycle(framework, example);
                if (i >= 5) {
                    warmSamples.add(s);
                }
            }
        } finally {
            stop(framework);
        }
        List<double[]> coldSamples = new ArrayList<>();
        for (int i = 0; i < cold; i++) {
            Framework fresh = boot(launcher);
            try {
                coldSamples.add(cycle(fresh, example));
            } finally {
                stop(fresh);
            }
        }
        System.out.printf("%n## hot deployment of the example shim bundle (median ms)%n");
        System.out.printf("| framework | install+start returned (baseline) | type usable | ratio | uninstall to type gone |%n");
        System.out.printf("|---|---|---|---|---|%n");
        row("warm (" + warm + " cycles)", warmSamples);
        row("cold (" + cold + " fresh frameworks)", coldSamples);
    }

    private static void row(String name, List<double[]> samples) {
        double started = Measure.median(samples.stream().mapToDouble(s -> s[0]).toArray());
        double usable = Measure.median(samples.stream().mapToDouble(s -> s[1]).toArray());
        double gone = Measure.median(samples.stream().mapToDouble(s -> s[2]).toArray());
        System.out.printf("| %s | %.2f | %.2f | %.2fx | %.2f |%n", name, started / 1e6, usable / 1e6, usable / started,
                gone / 1e6);
    }

    /** Nanoseconds: install+start returned, type usable, uninstall to type gone. */
    private static double[] cycle(Framework framework, Path example) throws Exception {
        BundleContext context = framework.getBundleContext();
        Object registry = registry(context);
        Method deployedTypes = registry.getClass().getMethod("deployedTypes");
        BooleanSupplier usable = () -> typesOf(registry, deployedTypes).contains(TYPE);
        long t0 = System.nanoTime();
        Bundle bundle;
        try (InputStream in = Files.newInputStream(example)) {
            bundle = context.installBundle("bench:example", in);
        }
        bundle.start();
        long started = System.nanoTime();
        spinUntil(usable);
        long ready = System.nanoTime();
        bundle.uninstall();
        spinUntil(() -> !usable.getAsBoolean());
        long gone = System.nanoTime();
        return new double[] {started - t0, ready - t0, gone - ready};
    }

    private static String typesOf(Object registry, Method deployedTypes) {
        try {
            return deployedTypes.invoke(registry).toString();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void spinUntil(BooleanSupplier condition) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("not within 10 s");
            }
            Thread.onSpinWait();
        }
    }

    private static Object registry(BundleContext context) throws Exception {
        for (int i = 0; i < 1000; i++) {
            // not getServiceReference: this side has no wiring to the API package, so skip the class-space check
            ServiceReference<?>[] refs = context.getAllServiceReferences("io.shimhost.api.registry.ShimRegistry", null);
            if (refs != null) {
                return context.getService(refs[0]);
            }
            Thread.sleep(10);
        }
        StringBuilder states = new StringBuilder();
        for (Bundle b : context.getBundles()) {
            states.append(b.getSymbolicName()).append('=').append(b.getState()).append(' ');
        }
        throw new IllegalStateException("no ShimRegistry; bundles: " + states);
    }

    /** A fresh Felix with the launcher's bundles (less its console, which waits for the bnd launcher). */
    private static Framework boot(Path launcher) throws Exception {
        Path storage = Files.createTempDirectory("hotdeploy-fw");
        Map<String, String> config = new HashMap<>();
        config.put(Constants.FRAMEWORK_STORAGE, storage.toString());
        config.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        config.put(Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA, "org.slf4j;version=2.0.17,org.slf4j.spi;version=2.0.17,"
                + "org.slf4j.event;version=2.0.17,org.slf4j.helpers;version=2.0.17");
        config.put("gosh.args", "--nointeractive");
        Framework framework = ServiceLoader.load(FrameworkFactory.class).findFirst().orElseThrow().newFramework(config);
        framework.init();
        List<Bundle> installed = new ArrayList<>();
        try (JarFile jar = new JarFile(launcher.toFile())) {
            Properties launch = new Properties();
            try (InputStream in = jar.getInputStream(jar.getEntry("launcher.properties"))) {
                launch.load(in);
            }
            for (String entry : launch.getProperty("launch.bundles").split(",")) {
                if (entry.contains("io.shimhost.console")) {
                    continue;
                }
                try (InputStream in = jar.getInputStream(jar.getEntry(entry))) {
                    installed.add(framework.getBundleContext().installBundle(entry, in));
                }
            }
        }
        framework.start();
        for (Bundle b : installed) {
            if (b.getHeaders().get(Constants.FRAGMENT_HOST) == null) {
                b.start();
            }
        }
        framework.getBundleContext().getBundle().getBundleContext(); // framework active
        registry(framework.getBundleContext());
        return framework;
    }

    private static void stop(Framework framework) throws Exception {
        String storage = framework.getBundleContext().getProperty(Constants.FRAMEWORK_STORAGE);
        framework.stop();
        framework.waitForStop(30_000);
        try (Stream<Path> files = Files.walk(Path.of(storage))) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    // best effort: a temporary folder
                }
            });
        }
    }
}
