package io.shimhost.registry.internal;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.metatype.MetaTypeService;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.shimhost.api.Identifiers;
import io.shimhost.api.InvalidParameterException;
import io.shimhost.api.ProcessPlan;
import io.shimhost.api.ProcessService;
import io.shimhost.api.ProcessSpec;
import io.shimhost.api.SandboxConfig;
import io.shimhost.api.Shim;
import io.shimhost.api.ShimException;
import io.shimhost.api.ShimParams;
import io.shimhost.api.ShimProcess;
import io.shimhost.api.ShimType;
import io.shimhost.api.TokenInUseException;
import io.shimhost.api.UnknownShimTypeException;
import io.shimhost.api.metrics.ShimMetrics;
import io.shimhost.api.registry.DeployedShim;
import io.shimhost.api.registry.ShimConfigEntry;
import io.shimhost.api.registry.ShimPlan;
import io.shimhost.api.registry.ShimEventHistory;
import io.shimhost.api.registry.ShimEvents;
import io.shimhost.api.registry.ShimRecord;
import io.shimhost.api.registry.ShimRegistry;
import io.shimhost.api.registry.ShimRegistryListener;

/**
 * The shim registry: follows every Shim service as it comes, changes and goes, starts shims by
 * the sandbox's type with the service that serves it, and keeps the durable table of the shims
 * it started. At activation it reads the table back and, once a process service is there, takes
 * the shims recorded as running back under supervision by pid and start time. Immediate: that
 * must happen when the framework starts, not when someone first asks the registry for something,
 * and a delayed registry would be disposed (and its table closed) whenever its last user let go.
 * The launcher's configuration ({@link RegistryConfig#LAUNCHER_PID}) is merged over the operator's:
 * it names the state folder the launcher chose, which no file may move under a running launcher.
 */
@Component(service = { ShimRegistry.class, ShimEventHistory.class }, configurationPid = { RegistryConfig.PID, RegistryConfig.LAUNCHER_PID },
        immediate = true)
public final class Registry implements ShimRegistry, ShimEventHistory {

    private static final Logger LOG = LoggerFactory.getLogger(Registry.class);

    private final ShimCatalog catalog = new ShimCatalog();
    private final EventPoster poster = new EventPoster();
    private final Measurements measurements = new Measurements();
    private final ShimConfigs configs = new ShimConfigs(() -> this.metaTypes, () -> this.configurations);
    private final DurableShimTable table;
    private final long outputLimit;
    private volatile ProcessService processes;

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile List<ShimRegistryListener> listeners = List.of();

    @Activate
    public Registry(BundleContext context, RegistryConfig config) throws IOException {
        this(stateDirectory(context, config), config.output_limit(), retention(config));
    }

    Registry(Path stateDirectory) throws IOException {
        this(stateDirectory, ShimOutput.DEFAULT_LIMIT, Retention.DEFAULT);
    }

    Registry(Path stateDirectory, long outputLimit, Retention retention) throws IOException {
        this.outputLimit = outputLimit;
        this.table = DurableShimTable.open(stateDirectory, this::happened, measurements, retention);
        LOG.atInfo().addKeyValue("subsystem", "shim").addKeyValue("table", table.path())
                .addKeyValue("records", table.records().size()).log("Shim registry started");
    }

    private static Retention retention(RegistryConfig config) {
        return new Retention(config.retention_count(), Duration.ofSeconds(config.retention_age()));
    }

    private static Path stateDirectory(BundleContext context, RegistryConfig config) throws IOException {
        if (!config.state_directory().isBlank()) {
            return Path.of(config.state_directory()).toAbsolutePath().normalize();
        }
        File data = context.getDataFile("state");
        if (data == null) {
            throw new IOException("The framework gives the registry bundle no persistent storage: set "
                    + "state.directory in configuration " + RegistryConfig.PID);
        }
        return data.toPath();
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setProcesses(ProcessService processes) {
        this.processes = processes;
        table.adoptUnverified(processes);
    }

    /** Adopted shims stay supervised by the retiring service until they exit. */
    void unsetProcesses(ProcessService processes) {
        if (this.processes == processes) {
            this.processes = null;
            table.processServiceGone();
        }
    }

    /** Events that happen while no Event Admin is deployed are logged and told to listeners only. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setEventAdmin(EventAdmin eventAdmin) {
        poster.eventAdmin(eventAdmin);
    }

    void unsetEventAdmin(EventAdmin eventAdmin) {
        poster.eventAdmin(null);
    }

    /** Reads the shim types' configuration schemas; without it, a start's configuration goes to the shim unchecked. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile MetaTypeService metaTypes;

    /** Holds the shim types' configured values; without it, the declared defaults apply. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile ConfigurationAdmin configurations;

    /** Present while metrics are on; nothing is measured while it is absent. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setMetrics(ShimMetrics metrics) {
        measurements.use(metrics);
    }

    void unsetMetrics(ShimMetrics metrics) {
        measurements.drop(metrics);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addShim(ServiceReference<Shim> ref, Shim shim) {
        changeCatalog(() -> catalog.put(serviceId(ref), offers(ref, shim)));
    }

    void updatedShim(ServiceReference<Shim> ref, Shim shim) {
        changeCatalog(() -> catalog.put(serviceId(ref), offers(ref, shim)));
    }

    void removeShim(ServiceReference<Shim> ref) {
        changeCatalog(() -> catalog.remove(serviceId(ref)));
    }

    /**
     * Changes are serialized so that listeners hear each type come and go in order. A type that
     * another bundle's service takes over (a higher ranking) is worth a warning: the starts of that
     * type now run another bundle's code; a bundle updated in place is news.
     */
    private synchronized void changeCatalog(Runnable change) {
        Map<ShimType, ShimOffer> before = servingOffers();
        change.run();
        Map<ShimType, ShimOffer> after = servingOffers();
        after.keySet().stream().filter(t -> !before.containsKey(t)).sorted().forEach(t -> {
            tell(ShimEvents.TYPE_DEPLOYED, t, l -> l.typeDeployed(t));
            poster.post(ShimEvent.ofType(ShimEvents.TYPE_DEPLOYED, t));
        });
        before.keySet().stream().filter(t -> !after.containsKey(t)).sorted().forEach(t -> {
            tell(ShimEvents.TYPE_WITHDRAWN, t, l -> l.typeWithdrawn(t));
            poster.post(ShimEvent.ofType(ShimEvents.TYPE_WITHDRAWN, t));
        });
        after.forEach((type, now) -> {
            ShimOffer was = before.get(type);
            if (was != null && was.serviceId() != now.serviceId()) {
                boolean otherBundle = !was.bundleSymbolicName().equals(now.bundleSymbolicName());
                (otherBundle ? LOG.atWarn() : LOG.atInfo()).addKeyValue("subsystem", "shim").addKeyValue("shim-type", type)
                        .addKeyValue("bundle", now.bundleSymbolicName() + " " + now.bundleVersion())
                        .addKeyValue("ranking", now.ranking())
                        .addKeyValue("previous-bundle", was.bundleSymbolicName() + " " + was.bundleVersion())
                        .log("Shim type " + type + " is now served by " + now.bundleSymbolicName() + " "
                                + now.bundleVersion() + " instead of " + was.bundleSymbolicName() + " "
                                + was.bundleVersion());
            }
        });
    }

    private Map<ShimType, ShimOffer> servingOffers() {
        Map<ShimType, ShimOffer> serving = new HashMap<>();
        for (ShimType type : catalog.types()) {
            catalog.serving(type).ifPresent(o -> serving.put(type, o));
        }
        return serving;
    }

    @Override
    public Replay since(Instant since) {
        return poster.window().since(since);
    }

    /** A step of a shim's life: logged, told to the typed listeners (exits only), posted. */
    private void happened(ShimEvent event) {
        LifecycleLog.log(event);
        event.exitStatus().ifPresent(status -> measurements.shimExited(event.type(), status));
        event.exitStatus().ifPresent(status -> tell(event.name(), event.shim().token(),
                l -> l.shimExited(event.shim(), status)));
        poster.post(event);
    }

    private void tell(String event, Object subject, Consumer<ShimRegistryListener> call) {
        for (ShimRegistryListener listener : listeners) {
            try {
                call.accept(listener);
            } catch (RuntimeException e) {
                LOG.atWarn().setCause(e).addKeyValue("subsystem", "shim").addKeyValue("event", event)
                        .addKeyValue("subject", subject).addKeyValue("listener", listener.getClass().getName())
                        .log("A shim registry listener failed");
            }
        }
    }

    /** Shims keep running: the next registry, in this framework or after a restart, adopts them. */
    @Deactivate
    void deactivate() {
        try {
            table.close();
        } catch (IOException e) {
            LOG.atError().setCause(e).addKeyValue("subsystem", "shim").addKeyValue("table", table.path())
                    .log("Cannot write the shim table at deactivation");
        }
        poster.close();
        LOG.atInfo().addKeyValue("subsystem", "shim").addKeyValue("records", table.records().size())
                .log("Shim registry stopped");
    }

    /** What differs between the table's file and the registry's table; see {@link RegistryChecks}. */
    List<String> auditTable() {
        List<String> problems = new ArrayList<>(table.audit());
        table.unsafeFolder().ifPresent(problems::add);
        return problems;
    }

    /** @return the process service the registry supervises with now, if any */
    Optional<ProcessService> processes() {
        return Optional.ofNullable(processes);
    }

    @Override
    public List<DeployedShim> deployed() {
        return catalog.deployed();
    }

    @Override
    public List<ShimType> deployedTypes() {
        return catalog.types();
    }

    @Override
    public List<ShimConfigEntry> configuration(ShimType type) throws ShimException {
        ShimOffer offer = catalog.serving(type).orElseThrow(() -> new UnknownShimTypeException(type, catalog.types()));
        return configs.entries(offer);
    }

    /**
     * The start is recorded before the shim is asked to launch anything, with a launch id that the
     * process carries: a framework killed at any moment of the start leaves a row by which the next
     * one finds the process.
     */
    @Override
    public ShimProcess start(SandboxConfig sandbox, ShimParams params) throws ShimException {
        if (sandbox == null) {
            throw new InvalidParameterException("sandbox", null, "Sandbox config cannot be nil");
        }
        long since = measurements.clock();
        boolean started = false;
        try {
            ShimProcess shim = startChecked(sandbox, params);
            started = true;
            return shim;
        } finally {
            measurements.startEnded(sandbox.shimType(), started, since);
        }
    }

    private ShimProcess startChecked(SandboxConfig sandbox, ShimParams params) throws ShimException {
        ShimParams launch = launchParams(params);
        String token = launch.token();
        reserve(token);
        try {
            Prepared start = prepare(sandbox, launch, true);
            Map<String, String> config = ConfigText.of(start.configured().shimConfig());
            table.intend(start.spawn(), sandbox.shimType(), sandbox.id(), start.output().orElse(null), config);
            ShimProcess shim = launch(start.offer(), start.configured(), start.spawn());
            table.record(shim, sandbox.id(), launch.launchId(), start.output().orElse(null), config);
            return shim;
        } finally {
            table.release(token);
        }
    }

    /**
     * The same steps as a start, in its order and with its checks, up to the launch, which is only
     * described: nothing is launched, recorded or created (not even a type's missing log folder).
     */
    @Override
    public ShimPlan plan(SandboxConfig sandbox, ShimParams params) throws ShimException {
        if (sandbox == null) {
            throw new InvalidParameterException("sandbox", null, "Sandbox config cannot be nil");
        }
        ShimParams launch = launchParams(params);
        reserve(launch.token());
        try {
            Prepared start = prepare(sandbox, launch, false);
            ShimOffer offer = start.offer();
            Optional<ProcessSpec> spec;
            try {
                spec = offer.shim().plan(start.configured(), start.spawn());
            } catch (UnsupportedOperationException e) {
                throw new ShimException(offer.type() + " (served by " + offer.bundleSymbolicName() + " "
                        + offer.bundleVersion() + ") does not describe its launch plan (Shim.plan): it has no dry run");
            }
            ProcessPlan process = null;
            if (spec.isPresent()) {
                process = processes().orElseThrow(() -> new ShimException("No process service (core bundle) is "
                        + "deployed: " + offer.type() + " could not launch")).plan(spec.get());
            }
            return new ShimPlan(offer.type(), offer.bundleSymbolicName(), offer.bundleVersion(), launch.token(),
                    configs.entries(offer, sandbox), process);
        } finally {
            table.release(launch.token());
        }
    }

    /** The start's parameters with its id (a new one when none is given) and a new launch id. */
    private static ShimParams launchParams(ShimParams params) throws InvalidParameterException {
        Identifiers.check("container", params.container());
        return params.toBuilder().token(params.token().isEmpty() ? UUID.randomUUID().toString()
                : Identifiers.check("token", params.token())).launchId(UUID.randomUUID().toString()).build();
    }

    private void reserve(String token) throws InvalidParameterException {
        if (!table.reserve(token)) {
            throw new TokenInUseException(token);
        }
    }

    /** What a start resolves before it launches: the serving service, the effective configuration, the output log. */
    private record Prepared(ShimOffer offer, SandboxConfig configured, Optional<OutputLog> output, ShimParams spawn) {
    }

    /**
     * The effective configuration; a type whose bundle goes away while its schema is read is a type
     * no longer deployed, as it would be a moment later, not a broken configuration.
     */
    private SandboxConfig configured(ShimOffer offer, SandboxConfig sandbox) throws ShimException {
        try {
            return configs.effective(offer, sandbox);
        } catch (InvalidParameterException e) {
            boolean stillServing = catalog.serving(offer.type()).map(o -> o.serviceId() == offer.serviceId()).orElse(false)
                    && (offer.bundle() == null || offer.bundle().getState() == Bundle.ACTIVE);
            if (!stillServing) {
                throw new UnknownShimTypeException(offer.type(), catalog.types());
            }
            throw e;
        }
    }

    private Prepared prepare(SandboxConfig sandbox, ShimParams launch, boolean createLogFolder) throws ShimException {
        ShimOffer offer = catalog.serving(sandbox.shimType())
                .orElseThrow(() -> new UnknownShimTypeException(sandbox.shimType(), catalog.types()));
        SandboxConfig configured = configured(offer, sandbox);
        Optional<OutputLog> output = ShimOutput.of(launch, offer.output(), outputLimit, sandbox.shimType().name(),
                createLogFolder);
        ShimParams spawn = output.isEmpty() ? launch : launch.toBuilder().outputLog(output.get().file()).build();
        return new Prepared(offer, configured, output, spawn);
    }

    private ShimProcess launch(ShimOffer offer, SandboxConfig sandbox, ShimParams launch) throws ShimException {
        try {
            return new LoggedShim(offer.shim().start(sandbox, launch));
        } catch (ShimException | RuntimeException e) {
            table.abandon(launch.token());
            throw e;
        }
    }

    @Override
    public List<ShimRecord> table() {
        return table.records();
    }

    @Override
    public Optional<ShimRecord> record(String idOrPid) {
        return table.find(idOrPid);
    }

    @Override
    public ShimRecord forget(String idOrPid) throws ShimException {
        return table.forget(idOrPid);
    }

    @Override
    public List<ShimRecord> forgetEnded() throws ShimException {
        return table.forgetEnded();
    }

    private static long serviceId(ServiceReference<?> ref) {
        return (Long) ref.getProperty(Constants.SERVICE_ID);
    }

    /** One offer per valid type name in the service's shim.type property (a string or several). */
    private static List<ShimOffer> offers(ServiceReference<Shim> ref, Shim shim) {
        Object ranking = ref.getProperty(Constants.SERVICE_RANKING);
        int rank = ranking instanceof Integer ? (Integer) ranking : 0;
        Bundle bundle = ref.getBundle();
        String bsn = bundle == null ? "?" : bundle.getSymbolicName();
        String version = bundle == null ? "?" : bundle.getVersion().toString();
        List<ShimOffer> offers = new ArrayList<>();
        for (String name : typeNames(ref.getProperty(Shim.TYPE))) {
            if (ShimType.isValid(name)) {
                offers.add(new ShimOffer(ShimType.of(name), rank, serviceId(ref), bsn, version, shim, outputProperties(ref),
                        bundle, configPid(ref)));
            } else {
                LOG.atWarn().addKeyValue("subsystem", "shim").addKeyValue("shim-type", name)
                        .addKeyValue("bundle", bsn).addKeyValue("service-id", serviceId(ref))
                        .log("Ignoring a Shim service whose shim.type is not a valid type name");
            }
        }
        return offers;
    }

    private static String configPid(ServiceReference<Shim> ref) {
        Object pid = ref.getProperty(Shim.CONFIG);
        return pid == null ? "" : pid.toString().trim();
    }

    private static Map<String, Object> outputProperties(ServiceReference<Shim> ref) {
        Map<String, Object> output = new HashMap<>();
        for (String key : List.of(ShimOutput.FOLDER, ShimOutput.LIMIT)) {
            Object value = ref.getProperty(key);
            if (value != null) {
                output.put(key, value);
            }
        }
        return output;
    }

    private static List<String> typeNames(Object property) {
        List<String> names = new ArrayList<>();
        if (property instanceof String) {
            names.add((String) property);
        } else if (property instanceof String[]) {
            names.addAll(List.of((String[]) property));
        } else if (property instanceof Collection) {
            ((Collection<?>) property).forEach(o -> names.add(String.valueOf(o)));
        } else {
            names.add(String.valueOf(property));
        }
        return names;
    }

}
