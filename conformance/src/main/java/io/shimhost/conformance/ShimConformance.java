package io.shimhost.conformance;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;

import io.shimhost.api.ExitStatus;
import io.shimhost.api.InvalidParameterException;
import io.shimhost.api.ProcessPlan;
import io.shimhost.api.SandboxConfig;
import io.shimhost.api.Shim;
import io.shimhost.api.ShimException;
import io.shimhost.api.ShimParams;
import io.shimhost.api.ShimProcess;
import io.shimhost.api.ShimType;
import io.shimhost.api.registry.ShimPlan;
import io.shimhost.api.registry.ShimRegistry;

/**
 * The shim contract, checked against a vendor's shim bundle in a framework of its own (Felix with
 * SCR, Configuration Admin, Metatype and shimhost's core and registry). In the vendor's build, once
 * the bundle is packaged (an integration test):
 *
 * <pre>
 * &#64;TestFactory
 * Stream&lt;DynamicTest&gt; myShimConforms() {
 *     return ShimConformance.of(Path.of("target/my-shim-1.0.0.jar"), "myShim")
 *             .config(Map.of("command", "/bin/sleep")).tests();
 * }
 * </pre>
 *
 * Each {@link Rule} is one test; a broken rule fails with a message naming it and what was found.
 * The configuration given is used for every start: it must make a shim with a process run until it
 * is stopped.
 */
public final class ShimConformance {

    /** How long the framework and the shim may take to react: a bound, not a measure. */
    private static final Duration PATIENCE = Duration.ofSeconds(20);
    private static final String UNKNOWN_KEY = "shimhost.conformance.no.such.key";

    private final Path bundle;
    private final String type;
    private final Map<String, Object> config;

    private ShimConformance(Path bundle, String type, Map<String, Object> config) {
        this.bundle = bundle;
        this.type = type;
        this.config = config;
    }

    /**
     * @param bundle the shim bundle's jar
     * @param type the shim type it offers
     * @return the suite for it, with no start configuration
     */
    public static ShimConformance of(Path bundle, String type) {
        return new ShimConformance(bundle, type, Map.of());
    }

    /**
     * @param startConfig the configuration of every start (the sandbox's shim configuration)
     * @return the suite with it
     */
    public ShimConformance config(Map<String, ?> startConfig) {
        return new ShimConformance(bundle, type, Map.copyOf(startConfig));
    }

    /** @return one test per rule, in order; the checks run when the first test runs */
    public Stream<DynamicTest> tests() {
        AtomicReference<Map<Rule, Optional<Failure>>> outcome = new AtomicReference<>();
        return Stream.of(Rule.values()).map(rule -> DynamicTest.dynamicTest(rule.name() + ": " + rule.title(), () -> {
            if (outcome.get() == null) {
                outcome.set(outcomes());
            }
            Optional<Failure> failure = outcome.get().get(rule);
            if (failure.isPresent()) {
                throw new AssertionError(failure.get().toString());
            }
        }));
    }

    /**
     * Runs every check.
     *
     * @return the rules broken, in order; empty when the bundle conforms
     * @throws Exception if the framework cannot be started or the bundle installed
     */
    public List<Failure> check() throws Exception {
        return outcomes().values().stream().flatMap(Optional::stream).toList();
    }

    private Map<Rule, Optional<Failure>> outcomes() throws Exception {
        if (!Files.isRegularFile(bundle)) {
            throw new IllegalArgumentException("No shim bundle at " + bundle + ": package it first (run the suite "
                    + "as an integration test, after the jar is built)");
        }
        ShimType shimType = ShimType.parse(type);
        Map<Rule, Optional<Failure>> outcomes = new EnumMap<>(Rule.class);
        try (EmbeddedShimhost host = EmbeddedShimhost.start()) {
            ShimRegistry registry = host.await(ShimRegistry.class, PATIENCE);
            if (registry == null) {
                throw new IllegalStateException("shimhost's registry did not start in the suite's framework");
            }
            Bundle installed = host.install(bundle);
            installed.start();
            Checks checks = new Checks(registry, shimType, installed);
            for (Rule rule : Rule.values()) {
                outcomes.put(rule, checks.run(rule));
            }
            checks.stopAll();
        }
        return outcomes;
    }

    /** The checks of one run, in one framework. */
    private final class Checks {

        private final ShimRegistry registry;
        private final ShimType shimType;
        private final Bundle installed;
        private final List<ShimProcess> started = new ArrayList<>();
        private int starts;

        Checks(ShimRegistry registry, ShimType shimType, Bundle installed) {
            this.registry = registry;
            this.shimType = shimType;
            this.installed = installed;
        }

        Optional<Failure> run(Rule rule) {
            try {
                Optional<String> broken = switch (rule) {
                    case TYPE_PROPERTY -> typeProperty();
                    case CONFIG_SCHEMA -> configSchema();
                    case HANDLE -> handle();
                    case STOP_WAIT_RUNNING -> stopWaitRunning();
                    case DRY_RUN -> dryRun();
                    case OUTLIVES_UNINSTALL -> outlivesUninstall();
                };
                return broken.map(message -> new Failure(rule, message));
            } catch (Exception | AssertionError e) {
                return Optional.of(new Failure(rule, e.getClass().getSimpleName() + ": " + e.getMessage()));
            }
        }

        private SandboxConfig sandbox(Map<String, ?> extra) throws InvalidParameterException {
            Map<String, Object> all = new java.util.HashMap<>(config);
            all.putAll(extra);
            return SandboxConfig.of("conformance", shimType, all);
        }

        private ShimParams params() throws InvalidParameterException {
            return ShimParams.builder().container("conformance").token("conformance-" + ++starts)
                    .url("unix:///run/conformance.sock").detach(true).build();
        }

        private ShimProcess start() throws Exception {
            ShimProcess shim = registry.start(sandbox(Map.of()), params());
            started.add(shim);
            return shim;
        }

        private Optional<String> typeProperty() throws Exception {
            List<ServiceReference<?>> shims = new ArrayList<>();
            ServiceReference<?>[] registered = installed.getRegisteredServices();
            for (ServiceReference<?> ref : registered == null ? new ServiceReference<?>[0] : registered) {
                if (List.of((String[]) ref.getProperty("objectClass")).contains(Shim.class.getName())) {
                    shims.add(ref);
                }
            }
            if (shims.isEmpty()) {
                return Optional.of(installed.getSymbolicName() + " registers no " + Shim.class.getName() + " service");
            }
            boolean offered = shims.stream().anyMatch(ref -> type.equals(String.valueOf(ref.getProperty(Shim.TYPE))));
            if (!offered) {
                return Optional.of("no Shim service of " + installed.getSymbolicName() + " has " + Shim.TYPE + "=" + type
                        + " (found: " + shims.stream().map(r -> String.valueOf(r.getProperty(Shim.TYPE))).toList() + ")");
            }
            Instant deadline = Instant.now().plus(PATIENCE);
            while (!registry.deployedTypes().contains(shimType)) {
                if (Instant.now().isAfter(deadline)) {
                    return Optional.of("the registry never deployed " + type + " (deployed: " + registry.deployedTypes() + ")");
                }
                Thread.sleep(20);
            }
            return Optional.empty();
        }

        private Optional<String> configSchema() throws Exception {
            registry.configuration(shimType);
            try {
                ShimProcess shim = registry.start(sandbox(Map.of(UNKNOWN_KEY, "1")), params());
                started.add(shim);
                return Optional.of("a start with the undeclared key " + UNKNOWN_KEY + " was not refused");
            } catch (InvalidParameterException e) {
                return e.getMessage().contains(UNKNOWN_KEY) ? Optional.empty()
                        : Optional.of("the refusal of " + UNKNOWN_KEY + " does not name it: " + e.getMessage());
            }
        }

        private Optional<String> handle() throws Exception {
            ShimProcess shim = start();
            if (!shim.type().equals(shimType)) {
                return Optional.of("the handle says type " + shim.type() + ", not " + type);
            }
            if (!shim.container().equals("conformance") || !shim.token().equals("conformance-" + starts)) {
                return Optional.of("the handle says container " + shim.container() + " and id " + shim.token()
                        + ", not conformance and conformance-" + starts);
            }
            if (registry.record(shim.token()).isEmpty()) {
                return Optional.of("the shim " + shim.token() + " is not in the registry's table");
            }
            return Optional.empty();
        }

        private Optional<String> stopWaitRunning() throws Exception {
            ShimProcess shim = start();
            if (shim.pid() <= 0) {
                return shim.isRunning() ? Optional.of("a shim without a process (pid " + shim.pid() + ") says it runs")
                        : Optional.empty();
            }
            if (!shim.isRunning()) {
                return Optional.of("the shim (pid " + shim.pid() + ") ended at once, " + shim.exitStatus()
                        .map(ExitStatus::toString).orElse("status unknown") + ": give the suite a configuration "
                        + "that keeps it running until stopped");
            }
            shim.stop();
            ExitStatus status = shim.waitFor(PATIENCE);
            if (!status.equals(ExitStatus.killed(9))) {
                return Optional.of("after stop, wait returned " + status + ", not killed SIGKILL");
            }
            return shim.isRunning() ? Optional.of("after it was stopped and waited for, the shim says it runs")
                    : Optional.empty();
        }

        private Optional<String> dryRun() throws Exception {
            long children = children();
            ShimPlan plan = registry.plan(sandbox(Map.of()), params());
            if (children() > children) {
                return Optional.of("the dry run launched a process");
            }
            if (registry.record(plan.id()).isPresent()) {
                return Optional.of("the dry run recorded the shim " + plan.id());
            }
            ShimProcess shim = start();
            if (plan.launch().isPresent() != (shim.pid() > 0)) {
                return Optional.of("the plan " + (plan.launch().isPresent() ? "launches a process" : "launches none")
                        + ", but the start " + (shim.pid() > 0 ? "did (pid " + shim.pid() + ")" : "did not"));
            }
            Optional<String> program = plan.launch().map(ProcessPlan::executable).filter(e -> !Files.exists(Path.of(e)));
            return program.map(p -> "the plan's program " + p + " does not exist");
        }

        private Optional<String> outlivesUninstall() throws Exception {
            ShimProcess shim = start();
            installed.uninstall();
            if (shim.pid() <= 0) {
                return Optional.empty();
            }
            if (ProcessHandle.of(shim.pid()).map(ProcessHandle::isAlive).orElse(false) != shim.isRunning()
                    || !shim.isRunning()) {
                return Optional.of("the shim's process (pid " + shim.pid() + ") did not outlive the bundle's uninstall");
            }
            Optional<ShimProcess> kept = registry.record(shim.token()).map(r -> r.shim());
            if (kept.isEmpty()) {
                return Optional.of("the registry forgot the shim " + shim.token() + " when its bundle went");
            }
            kept.get().stop();
            return kept.get().waitFor(PATIENCE).equals(ExitStatus.killed(9)) ? Optional.empty()
                    : Optional.of("the shim " + shim.token() + " could not be stopped after its bundle went");
        }

        /** The JVM's children, from /proc. */
        private long children() throws Exception {
            try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
                return tasks.mapToLong(t -> {
                    try {
                        String list = Files.readString(t.resolve("children")).trim();
                        return list.isEmpty() ? 0 : list.split("\\s+").length;
                    } catch (java.io.IOException e) {
                        return 0;
                    }
                }).sum();
            }
        }

        void stopAll() {
            for (ShimProcess shim : started) {
                try {
                    shim.stop();
                    shim.waitFor(PATIENCE);
                } catch (ShimException e) {
                    // ended already, or a shim without a process
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
