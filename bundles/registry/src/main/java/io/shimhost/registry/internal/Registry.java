package io.shimhost.registry.internal;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.shimhost.api.InvalidParameterException;
import io.shimhost.api.ProcessService;
import io.shimhost.api.SandboxConfig;
import io.shimhost.api.Shim;
import io.shimhost.api.ShimException;
import io.shimhost.api.ShimParams;
import io.shimhost.api.ShimProcess;
import io.shimhost.api.ShimType;
import io.shimhost.api.UnknownShimTypeException;
import io.shimhost.api.registry.DeployedShim;
import io.shimhost.api.registry.ShimRecord;
import io.shimhost.api.registry.ShimRecord.Supervision;
import io.shimhost.api.registry.ShimRegistry;
import io.shimhost.api.registry.ShimRegistryListener;

/**
 * The shim registry: follows every Shim service as it comes, changes and goes, starts shims by
 * the sandbox's type with the service that serves it, and keeps the durable table of the shims
 * it started. At activation it reads the table back and, once a process service is there, takes
 * the shims recorded as running back under supervision by pid and start time.
 */
@Component(service = ShimRegistry.class, configurationPid = RegistryConfig.PID)
@Designate(ocd = RegistryConfig.class)
public final class Registry implements ShimRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(Registry.class);

    private final ShimCatalog catalog = new ShimCatalog();
    private final ShimTable table = new ShimTable();
    private final TableFile file;
    private final TableWriter writer;
    /** The boot and pid namespace new rows are recorded in; unknown while no core bundle is deployed. */
    private volatile Host host = Host.UNKNOWN;
    private volatile ProcessService processes;
    /** Once deactivated, exits are no longer written: the table file belongs to the next instance. */
    private volatile boolean closed;

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile List<ShimRegistryListener> listeners = List.of();

    @Activate
    public Registry(BundleContext context, RegistryConfig config) throws IOException {
        this(stateDirectory(context, config));
    }

    Registry(Path stateDirectory) throws IOException {
        this.file = TableFile.open(stateDirectory);
        this.writer = new TableWriter(file, table::snapshot);
        try {
            load();
        } catch (IOException | RuntimeException e) {
            file.close();
            throw e;
        }
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

    /** Running rows wait as unverified until a process service can check them. */
    private void load() throws IOException {
        TableFile.Loaded loaded = file.read();
        for (ShimRow row : loaded.rows()) {
            Supervision supervision = switch (row.state()) {
                case RUNNING -> Supervision.UNVERIFIED;
                case LOST -> Supervision.LOST;
                case ENDED -> Supervision.ENDED;
            };
            table.put(Adoption.entry(row, parse(row.type()), supervision));
        }
        if (!loaded.problems().isEmpty()) {
            LOG.atWarn().addKeyValue("subsystem", "shim").addKeyValue("table", file.path())
                    .addKeyValue("recovered", loaded.rows().size()).addKeyValue("dropped", loaded.problems().size())
                    .addKeyValue("problems", loaded.problems().subList(0, Math.min(5, loaded.problems().size())))
                    .addKeyValue("copy", loaded.copy())
                    .log("Shim table damaged: kept the valid records, dropped the unreadable lines");
            writer.commit(table.snapshot().version());
        }
        LOG.atInfo().addKeyValue("subsystem", "shim").addKeyValue("table", file.path())
                .addKeyValue("records", loaded.rows().size()).log("Shim registry started");
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setProcesses(ProcessService processes) {
        Host current = Host.of(processes);
        this.host = current;
        this.processes = processes;
        adoptUnverified(new Adoption(processes, current));
    }

    /** Adopted shims stay supervised by the retiring service until they exit. */
    void unsetProcesses(ProcessService processes) {
        if (this.processes == processes) {
            this.processes = null;
            this.host = Host.UNKNOWN;
        }
    }

    /** Serialized with itself: a second process service arriving finds nothing left to adopt. */
    private synchronized void adoptUnverified(Adoption adoption) {
        int adopted = 0;
        int ended = 0;
        int lost = 0;
        for (ShimTable.Entry entry : table.entries()) {
            if (entry.record().supervision() != Supervision.UNVERIFIED) {
                continue;
            }
            Adoption.Outcome outcome = adoption.adopt(entry.row(), entry.record().shim().type());
            table.put(outcome.entry());
            ShimRecord record = outcome.entry().record();
            switch (record.supervision()) {
                case ADOPTED -> {
                    adopted++;
                    watchExit(record.shim());
                }
                case ENDED -> ended++;
                default -> lost++;
            }
            if (outcome.reason() != null) {
                LOG.atWarn().addKeyValue("subsystem", "shim").addKeyValue("shim-type", record.shim().type())
                        .addKeyValue("shim-pid", record.shim().pid()).addKeyValue("container", record.shim().container())
                        .addKeyValue("token", record.shim().token()).addKeyValue("supervision", record.supervision())
                        .addKeyValue("reason", outcome.reason())
                        .log("Recorded shim not adopted; its pid will not be signalled");
            }
        }
        if (adopted + ended + lost > 0) {
            LOG.atInfo().addKeyValue("subsystem", "shim").addKeyValue("adopted", adopted)
                    .addKeyValue("ended", ended).addKeyValue("lost", lost).log("Recorded shims checked");
            writer.commitSoon(table.snapshot().version());
        }
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

    /** Changes are serialized so that listeners hear each type come and go in order. */
    private synchronized void changeCatalog(Runnable change) {
        Set<ShimType> before = new HashSet<>(catalog.types());
        change.run();
        Set<ShimType> after = new HashSet<>(catalog.types());
        after.stream().filter(t -> !before.contains(t)).sorted()
                .forEach(t -> tell("type-deployed", t, l -> l.typeDeployed(t)));
        before.stream().filter(t -> !after.contains(t)).sorted()
                .forEach(t -> tell("type-withdrawn", t, l -> l.typeWithdrawn(t)));
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
        closed = true;
        try (TableFile held = file) {
            writer.close();
        } catch (IOException e) {
            LOG.atError().setCause(e).addKeyValue("subsystem", "shim").addKeyValue("table", file.path())
                    .log("Cannot write the shim table at deactivation");
        }
        LOG.atInfo().addKeyValue("subsystem", "shim").addKeyValue("started", table.entries().size())
                .log("Shim registry stopped");
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
    public ShimProcess start(SandboxConfig sandbox, ShimParams params) throws ShimException {
        if (sandbox == null) {
            throw new InvalidParameterException("sandbox", null, "Sandbox config cannot be nil");
        }
        ShimParams withToken = params.token().isEmpty() ? params.toBuilder().token(UUID.randomUUID().toString()).build()
                : params;
        String token = withToken.token();
        if (!table.reserve(token)) {
            throw new InvalidParameterException("token", token, "A shim with token \"" + token
                    + "\" was started already: tokens identify shims, use another one");
        }
        try {
            ShimOffer offer = catalog.serving(sandbox.shimType())
                    .orElseThrow(() -> new UnknownShimTypeException(sandbox.shimType(), catalog.types()));
            ShimProcess shim = new LoggedShim(offer.shim().start(sandbox, withToken));
            record(shim, sandbox.id());
            LOG.atInfo().addKeyValue("subsystem", "shim").addKeyValue("shim-type", shim.type())
                    .addKeyValue("shim-pid", shim.pid()).addKeyValue("container", shim.container())
                    .addKeyValue("token", token).addKeyValue("sandbox", sandbox.id()).log("Shim started");
            return shim;
        } finally {
            table.release(token);
        }
    }

    /** A shim the table cannot hold would be lost at the next restart: it is stopped instead. */
    private void record(ShimProcess shim, String sandbox) throws ShimException {
        long version = table.put(new ShimTable.Entry(ShimRow.of(shim, sandbox, host),
                new ShimRecord(shim, sandbox, Supervision.STARTED)));
        try {
            writer.commit(version);
        } catch (IOException e) {
            table.remove(shim.token());
            shim.stop();
            throw new ShimException("Shim " + shim.token() + " started (pid " + shim.pid() + ") but cannot be recorded in "
                    + file.path() + ": " + e.getMessage() + "; it was stopped. Make the state directory writable", e);
        }
        if (shim.pid() > 0) {
            watchExit(shim);
        }
    }

    private void watchExit(ShimProcess shim) {
        shim.onExit().thenAccept(status -> {
            if (!closed) {
                long version = table.update(shim.token(), e -> e.record().shim() == shim
                        ? new ShimTable.Entry(e.row().ended(status), e.record()) : e);
                if (version >= 0) {
                    writer.commitSoon(version);
                }
            }
            tell("shim-exited", shim.token(), l -> l.shimExited(shim, status));
        });
    }

    @Override
    public List<ShimRecord> table() {
        return table.entries().stream().map(ShimTable.Entry::record).toList();
    }

    @Override
    public List<ShimProcess> started() {
        return table.entries().stream().map(e -> e.record().shim()).toList();
    }

    @Override
    public Optional<ShimProcess> find(String idOrPid) {
        return record(idOrPid).map(ShimRecord::shim);
    }

    @Override
    public Optional<ShimRecord> record(String idOrPid) {
        return table.find(idOrPid).map(ShimTable.Entry::record);
    }

    @Override
    public ShimRecord forget(String idOrPid) throws ShimException {
        ShimTable.Entry entry = table.find(idOrPid).orElseThrow(() -> new InvalidParameterException("ID|PID", idOrPid,
                "No shim with id or pid \"" + idOrPid + "\"; see shim:ps"));
        if (!ended(entry)) {
            throw new InvalidParameterException("ID|PID", idOrPid, "Shim " + entry.row().token() + " (pid "
                    + entry.row().pid() + ") is " + (entry.record().supervision() == Supervision.UNVERIFIED
                            ? "not verified yet" : "running") + ": stop it before forgetting it");
        }
        forget(List.of(entry));
        return entry.record();
    }

    @Override
    public List<ShimRecord> forgetEnded() throws ShimException {
        List<ShimTable.Entry> ended = table.entries().stream().filter(Registry::ended).toList();
        forget(ended);
        return ended.stream().map(ShimTable.Entry::record).toList();
    }

    private static boolean ended(ShimTable.Entry entry) {
        return entry.record().supervision() != Supervision.UNVERIFIED && !entry.record().shim().isRunning();
    }

    private void forget(List<ShimTable.Entry> entries) throws ShimException {
        long version = -1;
        for (ShimTable.Entry entry : entries) {
            version = table.remove(entry.row().token());
        }
        try {
            writer.commit(version);
        } catch (IOException e) {
            entries.forEach(table::put);
            throw new ShimException("Cannot forget: the shim table " + file.path() + " cannot be written: "
                    + e.getMessage(), e);
        }
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
                offers.add(new ShimOffer(parse(name), rank, serviceId(ref), bsn, version, shim));
            } else {
                LOG.atWarn().addKeyValue("subsystem", "shim").addKeyValue("shim-type", name)
                        .addKeyValue("bundle", bsn).addKeyValue("service-id", serviceId(ref))
                        .log("Ignoring a Shim service whose shim.type is not a valid type name");
            }
        }
        return offers;
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

    private static ShimType parse(String validName) {
        try {
            return ShimType.parse(validName);
        } catch (InvalidParameterException e) {
            throw new IllegalStateException("checked valid already: " + validName, e);
        }
    }
}
