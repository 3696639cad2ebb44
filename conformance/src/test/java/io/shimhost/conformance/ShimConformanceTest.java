package io.shimhost.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.shimhost.conformance.testshims.MislabellingShim;
import io.shimhost.conformance.testshims.SleepShim;

class ShimConformanceTest {

    @TempDir
    Path dir;

    /** A bundle of the test shim classes, its activator {@code activator}. */
    private Path bundle(String name, Class<?> activator) throws IOException {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Bundle-ManifestVersion", "2");
        main.putValue("Bundle-SymbolicName", name);
        main.putValue("Bundle-Version", "1.0.0");
        main.putValue("Bundle-Activator", activator.getName());
        main.putValue("Import-Package", "org.osgi.framework,io.shimhost.api");
        Path jar = dir.resolve(name + ".jar");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream bundle = new JarOutputStream(out, manifest)) {
            for (Class<?> c : List.of(SleepShim.class, MislabellingShim.class)) {
                String entry = c.getName().replace('.', '/') + ".class";
                bundle.putNextEntry(new JarEntry(entry));
                try (InputStream bytes = c.getClassLoader().getResourceAsStream(entry)) {
                    bytes.transferTo(bundle);
                }
                bundle.closeEntry();
            }
        }
        return jar;
    }

    @Test
    void aConformingShimBreaksNoRule() throws Exception {
        assertThat(ShimConformance.of(bundle("org.example.sleep", SleepShim.class), "sleepShim").check()).isEmpty();
    }

    @Test
    void aShimWhoseHandlesNameAnotherTypeFailsTheHandleRuleByName() throws Exception {
        List<Failure> failures = ShimConformance.of(bundle("org.example.mislabelling", MislabellingShim.class),
                "mislabellingShim").check();

        assertThat(failures).extracting(Failure::rule).contains(Rule.HANDLE);
        assertThat(failures.get(0).toString())
                .isEqualTo("rule HANDLE (the handle a start returns): the handle says type noopShim, not mislabellingShim");
    }

    @Test
    void aTypeTheBundleDoesNotOfferFailsTheTypeProperty() throws Exception {
        List<Failure> failures = ShimConformance.of(bundle("org.example.sleep", SleepShim.class), "otherShim").check();

        assertThat(failures.get(0).toString()).startsWith("rule TYPE_PROPERTY (the shim.type property): no Shim "
                + "service of org.example.sleep has shim.type=otherShim (found: [sleepShim])");
    }
}
