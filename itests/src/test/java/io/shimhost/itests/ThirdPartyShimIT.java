package io.shimhost.itests;

import static io.shimhost.itests.ShimhostFramework.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.FileInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Hashtable;
import java.util.Map;

import javax.inject.Inject;

import org.junit.After;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerMethod;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.ConfigurationAdmin;

import io.shimhost.api.ExitStatus;
import io.shimhost.api.ProcessService;
import io.shimhost.api.SandboxConfig;
import io.shimhost.api.ShimParams;
import io.shimhost.api.ShimProcess;
import io.shimhost.api.ShimType;
import io.shimhost.api.UnknownShimTypeException;
import io.shimhost.api.registry.ShimRegistry;

/**
 * The example third-party bundle (examples/command-shim) hot-deployed into a running framework:
 * its type is usable at once, gone at once, back at once, and the shims it started outlive it.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerMethod.class)
public class ThirdPartyShimIT {

    private static final Duration PATIENCE = ShimhostFramework.PATIENCE;
    private static final String EXAMPLE = "org.example.shim.command";

    @Inject
    private BundleContext context;

    @Inject
    private ShimRegistry registry;

    @Inject
    private ConfigurationAdmin configurationAdmin;

    @Configuration
    public Option[] config() {
        return ShimhostFramework.frameworkWithCore();
    }

    @After
    public void stopShims() throws Exception {
        for (ShimProcess shim : registry.started()) {
            shim.stop();
            shim.waitFor(PATIENCE);
        }
    }

    private Bundle installExample() throws Exception {
        try (InputStream jar = new FileInputStream(ShimhostFramework.jar(EXAMPLE))) {
            Bundle bundle = context.installBundle("example:command-shim", jar);
            bundle.start();
            return bundle;
        }
    }

    private ShimProcess startCommandShim(String token) throws Exception {
        return registry.start(SandboxConfig.of("sb", ShimType.parse("commandShim"), Map.of()),
                ShimParams.builder().container("c1").token(token).detach(true).build());
    }

    @Test
    public void installingTheExampleMakesItsTypeStartARealProcessAtOnce() throws Exception {
        Path record = Files.createTempFile("command-shim", ".txt");
        Hashtable<String, Object> config = new Hashtable<>();
        config.put("command", "/bin/sh");
        config.put("arguments", new String[] {"-c", "echo \"$1 $2\" > " + record + "; exec sleep infinity", "x"});
        configurationAdmin.getConfiguration("org.example.shim.command", "?").update(config);
        try {
            installExample();
            await("commandShim deployed", () -> registry.deployedTypes().toString().contains("commandShim"));

            ShimProcess shim = startCommandShim("t1");

            await("the command ran", () -> record.toFile().length() > 0);
            assertThat(Files.readString(record).strip()).isEqualTo("c1 t1");
            assertThat(shim.isRunning()).isTrue();
        } finally {
            Files.deleteIfExists(record);
        }
    }

    @Test
    public void uninstallingRemovesTheTypeAtOnceAndReinstallingBringsItBack() throws Exception {
        Bundle example = installExample();
        await("commandShim deployed", () -> registry.deployedTypes().toString().contains("commandShim"));

        example.uninstall();

        assertThatThrownBy(() -> startCommandShim("t2")).isInstanceOf(UnknownShimTypeException.class)
                .hasMessageContaining("\"commandShim\"");
        installExample();
        await("commandShim deployed again", () -> registry.deployedTypes().toString().contains("commandShim"));
        assertThat(startCommandShim("t3").pid()).isPositive();
    }

    @Test
    public void aShimOutlivesTheBundleThatStartedItAndStaysSupervised() throws Exception {
        Bundle example = installExample();
        await("commandShim deployed", () -> registry.deployedTypes().toString().contains("commandShim"));
        ShimProcess shim = startCommandShim("t4");

        example.uninstall();

        assertThat(registry.find("t4")).isPresent();
        assertThat(shim.isRunning()).isTrue();
        registry.find("t4").orElseThrow().stop();
        assertThat(shim.waitFor(PATIENCE)).isEqualTo(ExitStatus.killed(9));
    }

    @Test
    public void installingAndUninstallingTheExampleNeverRestartsCoreOrRegistry() throws Exception {
        long registryService = serviceId(ShimRegistry.class);
        long processService = serviceId(ProcessService.class);

        for (int i = 0; i < 5; i++) {
            Bundle example = installExample();
            await("commandShim deployed", () -> registry.deployedTypes().toString().contains("commandShim"));
            example.uninstall();
        }

        assertThat(serviceId(ShimRegistry.class)).isEqualTo(registryService);
        assertThat(serviceId(ProcessService.class)).isEqualTo(processService);
        assertThat(ShimhostFramework.installed(context, "io.shimhost.core").getState()).isEqualTo(Bundle.ACTIVE);
    }

    private long serviceId(Class<?> type) {
        ServiceReference<?> ref = context.getServiceReference(type);
        assertThat(ref).as(type.getSimpleName()).isNotNull();
        return (Long) ref.getProperty(Constants.SERVICE_ID);
    }
}
