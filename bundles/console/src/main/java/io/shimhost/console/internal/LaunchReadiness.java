package io.shimhost.console.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.metatype.MetaTypeService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Waits, on the launcher's main thread once every bundle has started, until the node is ready for
 * its first command: the files of conf/ are in Configuration Admin, every shimhost component has
 * taken the configuration it is given (a component is re-activated with it on SCR's own time), and
 * the shim registry runs on the launcher's state folder (see {@link ConfigurationBarrier}). A
 * registry that cannot take the folder
 * ends the launcher with its reason in one line rather than hang it.
 */
final class LaunchReadiness {

    private static final Logger LOG = LoggerFactory.getLogger(LaunchReadiness.class);
    private static final Duration LIMIT = Duration.ofSeconds(10);
    private static final Duration RECHECK = Duration.ofMillis(250);
    private static final String REGISTRY = "io.shimhost.registry.internal.Registry";
    /** Set by Configuration Admin itself, not by the operator's file. */
    private static final Set<String> ADMIN_KEYS = Set.of("service.pid", "service.factoryPid", "service.bundleLocation");

    private final BundleContext context;
    private final ConfigurationAdmin configurationAdmin;
    private final ServiceComponentRuntime runtime;
    private final LauncherFolders folders;
    private final MetaTypeService metaTypes;

    LaunchReadiness(BundleContext context, ConfigurationAdmin configurationAdmin, ServiceComponentRuntime runtime,
            LauncherFolders folders, MetaTypeService metaTypes) {
        this.context = context;
        this.configurationAdmin = configurationAdmin;
        this.runtime = runtime;
        this.folders = folders;
        this.metaTypes = metaTypes;
    }

    /** @return what did not come up, in one line; empty when ready */
    Optional<String> await() throws InterruptedException, IOException {
        List<String> problems = folders.problems();
        if (!problems.isEmpty()) {
            return Optional.of(problems.get(0));
        }
        List<Path> files = folders.configurationFiles();
        Optional<String> problem;
        try (FrameworkChanges changes = new FrameworkChanges(context)) {
            problem = await(changes, files);
        }
        if (problem.isEmpty()) {
            UnknownConfigurationKeys.in(files, context, configurationAdmin, metaTypes)
                    .forEach(line -> LOG.atWarn().addKeyValue("subsystem", "configuration").log(line));
        }
        return problem;
    }

    private Optional<String> await(FrameworkChanges changes, List<Path> files) throws InterruptedException, IOException {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        boolean barrierPassed = false;
        while (true) {
            long mark = changes.mark();
            Optional<String> registryFailure = registryFailure();
            if (registryFailure.isPresent()) {
                return registryFailure;
            }
            Optional<String> waiting = files.stream().filter(f -> !applied(f)).findFirst().map(f -> "configuration "
                    + f + " is not applied").or(this::unsettled);
            if (waiting.isEmpty() && (barrierPassed || files.isEmpty())) {
                return Optional.empty();
            }
            if (waiting.isEmpty()) {
                // SCR may still be re-configuring with a file applied: wait until it has handled it, then look again
                barrierPassed = ConfigurationBarrier.pass(context, configurationAdmin, LIMIT);
                continue;
            }
            if (System.nanoTime() > deadline) {
                return Optional.of("not ready within " + LIMIT.toSeconds() + " s: " + waiting.get());
            }
            // a look at least every RECHECK, in case a change came without an event (SCR's change count is best effort)
            changes.awaitChangeSince(mark, RECHECK.toMillis());
        }
    }

    private boolean applied(Path file) {
        try {
            return LauncherFolders.applied(configurationAdmin, file);
        } catch (IOException e) {
            return false;
        }
    }

    private Optional<String> registryFailure() {
        return shimhostComponents().filter(d -> d.name.equals(REGISTRY)).flatMap(d -> configurations(d).stream())
                .filter(c -> c.state == ComponentConfigurationDTO.FAILED_ACTIVATION).findFirst()
                .map(c -> "the shim registry on state directory " + folders.stateDirectory() + " failed to start: "
                        + failureLine(c.failure));
    }

    /** The first shimhost component still to take its configuration or to come up, if any. */
    private Optional<String> unsettled() {
        return shimhostComponents().filter(this::awaited).flatMap(d -> {
            List<ComponentConfigurationDTO> configurations = configurations(d);
            if (configurations.isEmpty() || (d.name.equals(REGISTRY) && !registryOnStateFolder(configurations))) {
                return java.util.stream.Stream.of(d.name + " is not up yet");
            }
            return configurations.stream().filter(c -> !hasItsConfiguration(d, c)).map(c -> d.name
                    + " has not taken its configuration yet");
        }).findFirst();
    }

    /** A factory's components are made on demand, and one that requires a configuration nobody gave is off by design. */
    private boolean awaited(ComponentDescriptionDTO description) {
        return description.factory == null && (!"require".equals(description.configurationPolicy)
                || Arrays.stream(description.configurationPid).anyMatch(pid -> configurationOf(pid).isPresent()));
    }

    private boolean registryOnStateFolder(List<ComponentConfigurationDTO> configurations) {
        return configurations.stream().anyMatch(c -> c.state == ComponentConfigurationDTO.ACTIVE
                && folders.stateDirectory().equals(c.properties.get("state.directory")));
    }

    /**
     * Every property of the configurations the component is given has reached the component, merged
     * as SCR merges them: a later PID's value over an earlier one's.
     */
    private boolean hasItsConfiguration(ComponentDescriptionDTO description, ComponentConfigurationDTO configuration) {
        Map<String, Object> merged = new HashMap<>();
        for (String pid : description.configurationPid) {
            configurationOf(pid).ifPresent(given -> Collections.list(given.keys()).stream()
                    .filter(key -> !ADMIN_KEYS.contains(key)).forEach(key -> merged.put(key, given.get(key))));
        }
        return merged.entrySet().stream()
                .allMatch(e -> Objects.deepEquals(e.getValue(), configuration.properties.get(e.getKey())));
    }

    private Optional<Dictionary<String, Object>> configurationOf(String pid) {
        try {
            Configuration[] found = configurationAdmin.listConfigurations("(service.pid=" + LauncherFolders.escape(pid)
                    + ")");
            return found == null ? Optional.empty() : Optional.ofNullable(found[0].getProperties());
        } catch (IOException | InvalidSyntaxException e) {
            return Optional.empty();
        }
    }

    private java.util.stream.Stream<ComponentDescriptionDTO> shimhostComponents() {
        Bundle[] ours = Arrays.stream(context.getBundles()).filter(b -> b.getSymbolicName() != null
                && b.getSymbolicName().startsWith("io.shimhost.")).toArray(Bundle[]::new);
        return runtime.getComponentDescriptionDTOs(ours).stream();
    }

    private List<ComponentConfigurationDTO> configurations(ComponentDescriptionDTO description) {
        return List.copyOf(runtime.getComponentConfigurationDTOs(description));
    }

    /** SCR's failure text is a stack trace: its innermost cause's message is what went wrong. */
    static String failureLine(String failure) {
        if (failure == null || failure.isBlank()) {
            return "see the log";
        }
        List<String> lines = failure.lines().toList();
        String line = lines.stream().filter(l -> l.startsWith("Caused by: ")).reduce((a, b) -> b)
                .map(l -> l.substring("Caused by: ".length())).orElse(lines.get(0));
        return OneLine.message(line);
    }
}
