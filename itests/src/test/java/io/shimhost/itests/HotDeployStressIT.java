package io.shimhost.itests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

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
import org.osgi.framework.BundleListener;
import org.osgi.framework.Constants;

import io.shimhost.api.ProcessService;
import io.shimhost.api.SandboxConfig;
import io.shimhost.api.ShimParams;
import io.shimhost.api.ShimProcess;
import io.shimhost.api.ShimType;
import io.shimhost.api.UnknownShimTypeException;
import io.shimhost.api.registry.ShimRecord;
import io.shimhost.api.registry.ShimRegistry;

/**
 * 100 install/uninstall cycles of the example bundle while another thread starts and stops shims
 * of its type and of noopShim: the only errors are the clean "unknown shim type", and afterwards no
 * process, zombie or pidfd is left, and core and registry were never restarted.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerMethod.class)
public class HotDeployStressIT {

    private static final Duration PATIENCE = ShimhostFramework.PATIENCE;

    @Inject
    private BundleContext context;

    @Inject
    private ShimRegistry registry;

    /** Injected so that the test starts only once core offers the process service. */
    @Inject
    private ProcessService processes;

    @Configuration
    public Option[] config() {
        return ShimhostFramework.frameworkWithCore();
    }

    @Test
    public void hundredInstallUninstallCyclesUnderLoadLeaveNothingBehind() throws Exception {
        long registryId = serviceId(ShimRegistry.class);
        long processesId = serviceId(ProcessService.class);
        long pidfdsBefore = pidfds();
        List<String> shimhostThreadsBefore = shimhostThreads();
        Bundle core = ShimhostFramework.installed(context, "io.shimhost.core");
        Bundle registryBundle = ShimhostFramework.installed(context, "io.shimhost.registry");
        AtomicInteger hostEvents = new AtomicInteger();
        BundleListener watcher = e -> {
            if (e.getBundle().equals(core) || e.getBundle().equals(registryBundle)) {
                hostEvents.incrementAndGet();
            }
        };
        context.addBundleListener(watcher);
        AtomicBoolean running = new AtomicBoolean(true);
        ConcurrentLinkedQueue<Throwable> unexpected = new ConcurrentLinkedQueue<>();
        AtomicInteger commandShims = new AtomicInteger();
        Thread load = new Thread(() -> startAndStopUntil(running, unexpected, commandShims), "stress-load");
        load.start();
        try {
            for (int i = 0; i < 100; i++) {
                Bundle example;
                try (InputStream jar = new FileInputStream(ShimhostFramework.jar("org.example.shim.command"))) {
                    example = context.installBundle("example:" + i, jar);
                }
                example.start();
                Thread.sleep(i % 5);
                example.uninstall();
            }
        } finally {
            running.set(false);
            load.join(PATIENCE.toMillis());
            context.removeBundleListener(watcher);
        }

        assertThat(unexpected).isEmpty();
        assertThat(commandShims.get()).as("commandShims started during the cycles").isPositive();
        for (ShimProcess shim : registry.table().stream().map(ShimRecord::shim).toList()) {
            assertThat(shim.isRunning()).as(shim.toString()).isFalse();
        }
        assertThat(zombieChildren()).isEmpty();
        assertThat(pidfds()).isEqualTo(pidfdsBefore);
        // the registry's table writer ends a second after the last exit it wrote
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!shimhostThreads().equals(shimhostThreadsBefore) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(shimhostThreads()).isEqualTo(shimhostThreadsBefore);
        assertThat(hostEvents.get()).as("bundle events of core and registry").isZero();
        assertThat(serviceId(ShimRegistry.class)).isEqualTo(registryId);
        assertThat(serviceId(ProcessService.class)).isEqualTo(processesId);
    }

    private void startAndStopUntil(AtomicBoolean running, ConcurrentLinkedQueue<Throwable> unexpected,
            AtomicInteger commandShims) {
        int n = 0;
        while (running.get()) {
            for (String type : List.of("commandShim", "noopShim")) {
                try {
                    ShimProcess shim = registry.start(SandboxConfig.of("sb", ShimType.parse(type), Map.of()),
                            ShimParams.builder().container("c").token(type + "-" + n++).detach(true).build());
                    shim.stop();
                    shim.waitFor(PATIENCE);
                    if (shim.pid() > 0) {
                        commandShims.incrementAndGet();
                    }
                } catch (UnknownShimTypeException expected) {
                    // the type was withdrawn between two starts: the clean error
                } catch (Throwable t) {
                    unexpected.add(t);
                }
            }
        }
    }

    private long serviceId(Class<?> type) {
        return (Long) context.getServiceReference(type).getProperty(Constants.SERVICE_ID);
    }

    /** The threads shimhost itself runs (the supervisor; launch threads end with their start). */
    private static List<String> shimhostThreads() {
        return Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
                .filter(n -> n.startsWith("shimhost-")).sorted().toList();
    }

    private static long pidfds() throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.filter(fd -> {
                try {
                    return Files.readSymbolicLink(fd).toString().contains("pidfd");
                } catch (IOException gone) {
                    return false;
                }
            }).count();
        }
    }

    private static List<String> zombieChildren() throws IOException {
        long self = ProcessHandle.current().pid();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            return procs.filter(p -> p.getFileName().toString().matches("\\d+")).map(p -> {
                try {
                    String stat = Files.readString(p.resolve("stat"));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    return f[0].equals("Z") && Long.parseLong(f[1]) == self ? stat : null;
                } catch (IOException gone) {
                    return null;
                }
            }).filter(s -> s != null).toList();
        }
    }
}
