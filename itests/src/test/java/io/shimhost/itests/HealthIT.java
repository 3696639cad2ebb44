package io.shimhost.itests;

import static io.shimhost.itests.ShimhostFramework.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.inject.Inject;

import org.apache.felix.hc.api.Result;
import org.apache.felix.hc.api.ResultLog;
import org.apache.felix.hc.api.execution.HealthCheckExecutionOptions;
import org.apache.felix.hc.api.execution.HealthCheckExecutionResult;
import org.apache.felix.hc.api.execution.HealthCheckExecutor;
import org.apache.felix.hc.api.execution.HealthCheckSelector;
import org.junit.After;
import org.junit.Rule;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.CoreOptions;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerMethod;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

import io.shimhost.api.SandboxConfig;
import io.shimhost.api.ShimParams;
import io.shimhost.api.ShimProcess;
import io.shimhost.api.ShimType;
import io.shimhost.api.registry.ShimRecord;
import io.shimhost.api.registry.ShimRegistry;

/**
 * The self-checks as Felix Health Checks in a real Felix: OK on a sound node, CRITICAL while a shim
 * waits unverified for want of the core, and OK again once the core adopts it.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerMethod.class)
public class HealthIT {

    @Inject
    private BundleContext context;

    @Inject
    private ShimRegistry registry;

    @Inject
    private HealthCheckExecutor health;

    @Rule
    public final StandInFolder folder = new StandInFolder();

    @Configuration
    public Option[] config() {
        return CoreOptions.options(CoreOptions.composite(ShimhostFramework.frameworkWithCore()), ShimhostFramework.healthChecks());
    }

    @After
    public void cleanUp() throws Exception {
        for (ShimProcess shim : registries().orElseThrow().table().stream().map(ShimRecord::shim).toList()) {
            shim.stop();
            shim.waitFor(ShimhostFramework.PATIENCE);
        }
    }

    /** The registry now: a restarted registry bundle registers a new service. */
    private Optional<ShimRegistry> registries() {
        return Optional.ofNullable(context.getServiceReference(ShimRegistry.class)).map(context::getService);
    }

    /** Each shimhost health check's name, status and log lines, run now (no cached result). */
    private Map<String, String> shimhostHealth() {
        List<HealthCheckExecutionResult> results = health.execute(HealthCheckSelector.tags("shimhost"),
                new HealthCheckExecutionOptions().setForceInstantExecution(true));
        Map<String, String> byName = new java.util.TreeMap<>();
        for (HealthCheckExecutionResult r : results) {
            List<String> lines = new ArrayList<>();
            for (ResultLog.Entry e : r.getHealthCheckResult()) {
                lines.add(e.getStatus() + " " + e.getMessage());
            }
            byName.put(r.getHealthCheckMetadata().getName(), r.getHealthCheckResult().getStatus() + " " + lines);
        }
        return byName;
    }

    private ShimProcess startSleepingShim(String token) throws Exception {
        await("kataShim deployed", () -> registry.deployedTypes().contains(ShimType.KATA));
        return registry.start(folder.kataSandbox(),
                ShimParams.builder().container("c1").token(token).url("unix:///run/agent.sock").detach(true)
                        .environment("KATA_STANDIN_SLEEP", "300").build());
    }

    @Test
    public void theCoreAndRegistryChecksAreHealthyOnASoundNodeWithARunningShim() throws Exception {
        startSleepingShim("running");

        assertThat(shimhostHealth()).containsOnlyKeys("shimhost core", "shimhost registry")
                .allSatisfy((name, result) -> assertThat(result).startsWith(Result.Status.OK + " "));
        assertThat(shimhostHealth().get("shimhost registry")).isEqualTo(
                "OK [OK table: ok, OK supervision: ok, OK core: ok, OK lost: ok]");
    }

    @Test
    public void aShimUnverifiedForWantOfTheCoreIsCriticalUntilTheCoreAdoptsIt() throws Exception {
        startSleepingShim("waiting");
        Bundle core = ShimhostFramework.installed(context, "io.shimhost.core");
        Bundle registryBundle = ShimhostFramework.installed(context, "io.shimhost.registry");

        core.stop();
        assertThat(shimhostHealth()).containsOnlyKeys("shimhost registry");
        assertThat(shimhostHealth().get("shimhost registry")).startsWith("WARN ")
                .contains("WARN core: no process service (core bundle) is deployed: no shim with a process can start; "
                        + "1 running shims (waiting) are supervised by the retired one");
        registryBundle.stop();
        registryBundle.start();
        await("the registry's check is back", () -> shimhostHealth().containsKey("shimhost registry"));

        assertThat(shimhostHealth().get("shimhost registry")).startsWith("CRITICAL ")
                .contains("CRITICAL supervision: 1 shims wait unverified: no process service (core bundle) is deployed");

        core.start();
        await("the core adopts the shim", () -> registries().flatMap(r -> r.record("waiting"))
                .map(r -> r.state().equals("running")).orElse(false));
        assertThat(shimhostHealth().get("shimhost registry")).startsWith("OK ");
        ShimProcess waiting = registries().orElseThrow().record("waiting").map(ShimRecord::shim).orElseThrow();
        assertThat(shimhostHealth().get("shimhost core")).as("the stopped core's supervisor watches its child until it exits")
                .isEqualTo("WARN [OK threads: ok, OK children: ok, WARN pidfds: pid " + waiting.pid() + " is held by 2 "
                        + "pidfds, not one: leaked, or kept by the supervisor of a core bundle restarted while it ran, "
                        + "until it exits, OK cgroups: ok, OK supervisor: ok]");

        waiting.stop();
        waiting.waitFor(ShimhostFramework.PATIENCE);
        await("both supervisors let go", () -> shimhostHealth().values().stream().allMatch(r -> r.startsWith("OK ")));
    }
}
