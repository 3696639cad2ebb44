package io.shimhost.itests;

import static io.shimhost.itests.ShimhostFramework.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import javax.inject.Inject;

import org.junit.After;
import org.junit.Rule;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerMethod;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

import io.shimhost.api.ExitStatus;
import io.shimhost.api.SandboxConfig;
import io.shimhost.api.ShimParams;
import io.shimhost.api.ShimProcess;
import io.shimhost.api.ShimType;
import io.shimhost.api.registry.ShimRecord;
import io.shimhost.api.registry.ShimRegistry;

/**
 * The core bundle in a real framework: it makes kataShim available, kataShim starts the stand-in
 * through it, and when core stops kataShim goes while the shims already running stay supervised.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerMethod.class)
public class CoreBundleIT {

    private static final Duration PATIENCE = ShimhostFramework.PATIENCE;

    @Inject
    private BundleContext context;

    @Inject
    private ShimRegistry registry;

    @Rule
    public final StandInFolder folder = new StandInFolder();

    @Configuration
    public Option[] config() {
        return ShimhostFramework.frameworkWithCore();
    }

    @After
    public void cleanUp() throws Exception {
        for (ShimProcess shim : registry.table().stream().map(ShimRecord::shim).toList()) {
            shim.stop();
            shim.waitFor(PATIENCE);
        }
    }

    private ShimProcess startKata(String token) throws Exception {
        SandboxConfig sandbox = folder.kataSandbox();
        return registry.start(sandbox, ShimParams.builder().container("c1").token(token)
                .url("unix:///run/agent.sock").detach(true).build());
    }

    @Test
    public void kataShimIsOfferedOnceCoreIsActiveAndRunsTheStandIn() throws Exception {
        await("kataShim deployed", () -> registry.deployedTypes().contains(ShimType.KATA));

        ShimProcess shim = startKata("t1");

        assertThat(shim.pid()).isPositive();
        assertThat(shim.waitFor(PATIENCE)).isEqualTo(ExitStatus.exited(0));
    }

    @Test
    public void stoppingCoreWithdrawsKataShimButShimsRunningStaySupervised() throws Exception {
        await("kataShim deployed", () -> registry.deployedTypes().contains(ShimType.KATA));
        Files.writeString(folder.dir().resolve("sleep"), "30");
        ShimProcess running = startKata("t2");
        Bundle core = ShimhostFramework.installed(context, "io.shimhost.core");

        core.stop();

        assertThat(registry.deployedTypes()).doesNotContain(ShimType.KATA);
        assertThat(registry.record("t2").map(ShimRecord::shim)).isPresent();
        running.signal(15);
        assertThat(running.waitFor(PATIENCE)).isEqualTo(ExitStatus.killed(15));
        assertThat(running.isRunning()).isFalse();
    }
}
