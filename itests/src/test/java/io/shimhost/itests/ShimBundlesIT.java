package io.shimhost.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.FileInputStream;
import java.io.InputStream;
import static io.shimhost.itests.ShimhostFramework.await;

import java.util.Map;

import javax.inject.Inject;

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

import io.shimhost.api.SandboxConfig;
import io.shimhost.api.ShimParams;
import io.shimhost.api.ShimProcess;
import io.shimhost.api.ShimType;
import io.shimhost.api.UnknownShimTypeException;
import io.shimhost.api.registry.ShimRecord;
import io.shimhost.api.registry.ShimRegistry;

/** The shimhost bundles in a real Felix with SCR: they resolve, start, register and come and go. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerMethod.class)
public class ShimBundlesIT {

    @Inject
    private BundleContext context;

    @Inject
    private ShimRegistry registry;

    @Configuration
    public Option[] config() {
        return ShimhostFramework.framework();
    }

    private Bundle bundle(String symbolicName) {
        return ShimhostFramework.installed(context, symbolicName);
    }

    private ShimProcess start(ShimType type) throws Exception {
        return registry.start(SandboxConfig.of("sb", type, Map.of()), ShimParams.builder().container("c1").build());
    }

    @Test
    public void everyShimhostBundleIsActive() {
        for (String bsn : ShimhostFramework.SHIMHOST_BUNDLES) {
            assertThat(bundle(bsn).getState()).as(bsn).isEqualTo(Bundle.ACTIVE);
        }
    }

    @Test
    public void noopAndBuiltInShimsAreDeployedFromTheirBundles() throws Exception {
        await("noopShim and kataBuiltInShim deployed",
                () -> registry.deployedTypes().containsAll(java.util.List.of(ShimType.NOOP, ShimType.KATA_BUILT_IN)));

        assertThat(registry.deployed()).anySatisfy(d -> {
            assertThat(d.type()).isEqualTo(ShimType.NOOP);
            assertThat(d.bundleSymbolicName()).isEqualTo("io.shimhost.shim.noop");
            assertThat(d.serving()).isTrue();
        });
        assertThat(registry.deployed()).anySatisfy(d -> {
            assertThat(d.type()).isEqualTo(ShimType.KATA_BUILT_IN);
            assertThat(d.bundleSymbolicName()).isEqualTo("io.shimhost.shim.kata.builtin");
        });
    }

    @Test
    public void noopShimStartsWithPidZero() throws Exception {
        await("noopShim deployed", () -> registry.deployedTypes().contains(ShimType.NOOP));

        ShimProcess shim = start(ShimType.NOOP);

        assertThat(shim.pid()).isZero();
        assertThat(registry.table().stream().map(ShimRecord::shim).toList()).contains(shim);
        assertThat(registry.record(shim.token()).map(ShimRecord::shim)).containsSame(shim);
    }

    @Test
    public void builtInShimStartsWithPidMinusOne() throws Exception {
        await("kataBuiltInShim deployed", () -> registry.deployedTypes().contains(ShimType.KATA_BUILT_IN));

        assertThat(start(ShimType.KATA_BUILT_IN).pid()).isEqualTo(-1);
    }

    @Test
    public void kataShimIsNotOfferedWhileNoProcessServiceExists() throws Exception {
        await("noopShim deployed", () -> registry.deployedTypes().contains(ShimType.NOOP));

        assertThat(bundle("io.shimhost.shim.kata").getState()).isEqualTo(Bundle.ACTIVE);
        assertThat(registry.deployedTypes()).doesNotContain(ShimType.KATA);
        assertThatThrownBy(() -> start(ShimType.KATA)).isInstanceOf(UnknownShimTypeException.class)
                .hasMessageContaining("\"kataShim\"");
    }

    @Test
    public void uninstallingTheNoopBundleRemovesItsTypeAtOnceAndReinstallingBringsItBack() throws Exception {
        await("noopShim deployed", () -> registry.deployedTypes().contains(ShimType.NOOP));
        Bundle noop = bundle("io.shimhost.shim.noop");

        noop.uninstall();

        assertThat(registry.deployedTypes()).doesNotContain(ShimType.NOOP);
        assertThatThrownBy(() -> start(ShimType.NOOP)).isInstanceOf(UnknownShimTypeException.class)
                .hasMessageContaining("\"noopShim\"").hasMessageContaining("kataBuiltInShim");

        try (InputStream jar = new FileInputStream(ShimhostFramework.jar("io.shimhost.shim.noop"))) {
            context.installBundle("reinstalled:noop", jar).start();
        }

        await("noopShim deployed again", () -> registry.deployedTypes().contains(ShimType.NOOP));
        assertThat(start(ShimType.NOOP).pid()).isZero();
    }

    @Test
    public void aHigherRankedShimServiceTakesOverItsTypeAndHandsBackWhenItGoes() throws Exception {
        await("noopShim deployed", () -> registry.deployedTypes().contains(ShimType.NOOP));
        java.util.Hashtable<String, Object> props = new java.util.Hashtable<>();
        props.put("shim.type", "noopShim");
        props.put(Constants.SERVICE_RANKING, 10);
        io.shimhost.api.Shim reportsFortyTwo = (sandbox, params) -> new io.shimhost.api.NoProcess(-42,
                ShimType.NOOP, params);

        var registration = context.registerService(io.shimhost.api.Shim.class, reportsFortyTwo, props);
        try {
            assertThat(start(ShimType.NOOP).pid()).isEqualTo(-42);
        } finally {
            registration.unregister();
        }

        assertThat(start(ShimType.NOOP).pid()).isZero();
    }
}
