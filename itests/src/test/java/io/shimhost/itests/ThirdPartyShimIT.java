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
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
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
import io.shimhost.api.NoProcess;
import io.shimhost.api.Shim;
import io.shimhost.api.ProcessService;
import io.shimhost.api.SandboxConfig;
import io.shimhost.api.ShimParams;
import io.shimhost.api.ShimProcess;
import io.shimhost.api.ShimType;
import io.shimhost.api.UnknownShimTypeException;
import io.shimhost.api.registry.ShimPlan;
import io.shimhost.api.registry.ShimRecord;
import io.shimhost.api.registry.ShimRegistry;
import io.shimhost.api.registry.ShimRegistryListener;

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
        for (ShimProcess shim : registry.table().stream().map(ShimRecord::shim).toList()) {
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

    /** Makes the commandShim record its bundle version and its last two arguments, then wait. */
    private Path recordingCommand() throws Exception {
        Path record = Files.createTempFile("command-shim", ".txt");
        Files.delete(record);
        Hashtable<String, Object> config = new Hashtable<>();
        config.put("command", "/bin/sh");
        config.put("arguments", new String[] {"-c",
            "echo \"$COMMAND_SHIM_VERSION $1 $2\" > " + record + ".tmp && mv " + record + ".tmp " + record
                    + "; exec sleep infinity", "x"});
        configurationAdmin.getConfiguration("org.example.shim.command", "?").update(config);
        return record;
    }

    private static String awaitRecord(Path record) throws Exception {
        await("the command ran", () -> Files.exists(record));
        String text = Files.readString(record).strip();
        Files.delete(record);
        return text;
    }

    @Test
    public void installingTheExampleMakesItsTypeStartARealProcessAtOnce() throws Exception {
        Path record = recordingCommand();
        installExample();
        await("commandShim deployed", () -> registry.deployedTypes().toString().contains("commandShim"));

        ShimProcess shim = startCommandShim("t1");

        assertThat(awaitRecord(record)).isEqualTo("1.0.0 c1 t1");
        assertThat(shim.isRunning()).isTrue();
    }

    @Test
    public void updatingTheBundleToANewVersionSwapsTheImplementation() throws Exception {
        Path record = recordingCommand();
        Bundle example = installExample();
        await("commandShim deployed", () -> registry.deployedTypes().toString().contains("commandShim"));
        startCommandShim("v1");
        assertThat(awaitRecord(record)).isEqualTo("1.0.0 c1 v1");

        try (InputStream newer = ExampleJar.withVersion("1.1.0")) {
            example.update(newer);
        }

        await("commandShim 1.1.0 serving", () -> registry.deployed().stream()
                .anyMatch(d -> d.type().name().equals("commandShim") && d.bundleVersion().equals("1.1.0")));
        startCommandShim("v2");
        assertThat(awaitRecord(record)).isEqualTo("1.1.0 c1 v2");
    }

    @Test
    public void listenersHearTypesComeAndGoAndShimsExit() throws Exception {
        BlockingQueue<String> heard = new LinkedBlockingQueue<>();
        ShimRegistryListener listener = new ShimRegistryListener() {
            @Override
            public void typeDeployed(ShimType type) {
                heard.add("deployed " + type);
            }

            @Override
            public void typeWithdrawn(ShimType type) {
                heard.add("withdrawn " + type);
            }

            @Override
            public void shimExited(ShimProcess shim, ExitStatus status) {
                heard.add("exited " + shim.token() + " " + status);
            }
        };
        var registration = context.registerService(ShimRegistryListener.class, listener, null);
        try {
            Bundle example = installExample();
            assertThat(heard.poll(10, TimeUnit.SECONDS)).isEqualTo("deployed commandShim");
            ShimProcess shim = startCommandShim("heard");
            shim.stop();
            assertThat(heard.poll(10, TimeUnit.SECONDS)).isEqualTo("exited heard killed SIGKILL");
            example.uninstall();
            assertThat(heard.poll(10, TimeUnit.SECONDS)).isEqualTo("withdrawn commandShim");
        } finally {
            registration.unregister();
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

        assertThat(registry.record("t4").map(ShimRecord::shim)).isPresent();
        assertThat(shim.isRunning()).isTrue();
        registry.record("t4").map(ShimRecord::shim).orElseThrow().stop();
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

    @Test
    public void aVendorsTypeDescribesItsPlanAndADryRunLaunchesNothing() throws Exception {
        installExample();
        await("commandShim deployed", () -> registry.deployedTypes().toString().contains("commandShim"));

        ShimPlan plan = registry.plan(SandboxConfig.of("sb", ShimType.parse("commandShim"), Map.of("command", "/bin/true")),
                ShimParams.builder().container("c1").token("p1").detach(true).build());

        assertThat(plan.launch()).hasValueSatisfying(launch -> {
            assertThat(launch.argv()).startsWith("/bin/true").endsWith("c1", "p1");
            assertThat(launch.environment()).containsKey("COMMAND_SHIM_VERSION");
        });
        assertThat(registry.record("p1")).as("nothing recorded").isEmpty();
    }

    @Test
    public void aTypeThatDoesNotDescribeItsPlanHasNoDryRun() throws Exception {
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(Shim.TYPE, "plainShim");
        var registration = context.registerService(Shim.class,
                (sandbox, params) -> new NoProcess(0, ShimType.parse("plainShim"), params), properties);
        try {
            await("plainShim deployed", () -> registry.deployedTypes().toString().contains("plainShim"));

            assertThatThrownBy(() -> registry.plan(SandboxConfig.of("sb", ShimType.parse("plainShim"), Map.of()),
                    ShimParams.builder().container("c1").build()))
                    .hasMessageStartingWith("plainShim (served by ").hasMessageEndingWith(
                            ") does not describe its launch plan (Shim.plan): it has no dry run");
        } finally {
            registration.unregister();
        }
    }
}
