package io.shimhost.core.internal;

import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import io.shimhost.api.InvalidParameterException;
import io.shimhost.api.NamespaceType;
import io.shimhost.api.ProcessPlan;
import io.shimhost.api.ProcessService;
import io.shimhost.api.ProcessSpec;
import io.shimhost.api.ProcessUsage;
import io.shimhost.api.ProcessView;
import io.shimhost.api.PseudoTerminal;
import io.shimhost.api.ShimException;
import io.shimhost.api.StartFailedException;
import io.shimhost.api.SupervisedProcess;
import io.shimhost.api.metrics.ShimMetrics;

import org.slf4j.LoggerFactory;

import jnr.ffi.LibraryLoader;
import jnr.ffi.Runtime;

/**
 * The process service: spawns with {@link Spawner}, takes a pidfd for the child at once (race-free:
 * the child cannot be reaped before) and hands it to the {@link Supervisor}.
 */
@Component(service = ProcessService.class)
public final class PosixProcesses implements ProcessService {

    private final LibC libc;
    private final Spawner spawner;
    private final NamespacedLaunch namespaced;
    private final Supervisor supervisor;
    private final LaunchPlanner planner;
    private final SpawnThread spawnThread;
    private final Cgroups cgroups;
    /** Places a child in v1 cgroups: the launching thread joins them for the spawn. */
    private final ThreadPlacement threadPlacement;
    /** Places a child in a cgroup with a v2 directory; null when no FIFO could be made: then such a start is refused. */
    private final CgroupPlacement placement;
    /** Read once: /proc/stat is slow to read, and adopting a thousand shims would read it a thousand times. */
    private final long bootSeconds = ProcessStat.bootSeconds();
    private final String bootId = ProcessStat.bootId();
    /** Launches share it; deactivation takes it alone, so no launch uses a closed spawner. */
    private final ReentrantReadWriteLock lifecycle = new ReentrantReadWriteLock();
    private boolean retired;

    @Activate
    public PosixProcesses() {
        this(LibraryLoader.create(LibC.class).load("c"));
    }

    PosixProcesses(LibC libc) {
        this(libc, Cgroups.here(libc));
    }

    /** With the cgroup hierarchies given: tests use this host's cgroup v2 mount as a pure cgroup v2 host would. */
    PosixProcesses(LibC libc, Cgroups cgroups) {
        this.libc = libc;
        this.spawner = new Spawner(libc);
        this.namespaced = new NamespacedLaunch(libc, spawner);
        this.supervisor = new Supervisor(libc);
        this.planner = new LaunchPlanner(libc, spawner);
        this.spawnThread = new SpawnThread(libc);
        this.cgroups = cgroups;
        this.threadPlacement = new ThreadPlacement(libc, cgroups.mounts());
        this.placement = openPlacement(libc, spawnThread);
    }

    private static CgroupPlacement openPlacement(LibC libc, SpawnThread thread) {
        try {
            return thread.run(() -> {
                try {
                    return CgroupPlacement.open(libc, thread::later);
                } catch (java.io.IOException e) {
                    throw new ShimException("Cannot make the FIFO that places shims in cgroups: " + e.getMessage(), e);
                }
            });
        } catch (ShimException e) {
            LoggerFactory.getLogger(PosixProcesses.class).atWarn().log(e.getMessage() + "; starts with a cgroup are refused");
            return null;
        }
    }

    /** Processes started before stay supervised until they exit: the supervisor only retires. */
    @Deactivate
    public void deactivate() {
        lifecycle.writeLock().lock();
        try {
            retired = true;
            supervisor.retire();
            closePlacement();
            closeSpawnThread();
            spawner.close();
        } finally {
            lifecycle.writeLock().unlock();
        }
        try {
            cgroups.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The spawning thread's id in {@code /proc/self/task}: tests look at its descriptor table. */
    long spawningThreadId() throws ShimException {
        return spawnThread.run(() -> libc.syscall(LibC.SYS_GETTID, 0, 0, 0, 0));
    }

    /** On the spawning thread, whose table holds the gate. */
    private void closePlacement() {
        if (placement == null) {
            return;
        }
        try {
            spawnThread.run(() -> {
                placement.close();
                return 0;
            });
        } catch (ShimException e) {
            throw new IllegalStateException(e);
        }
    }

    private void closeSpawnThread() {
        try {
            spawnThread.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Present while metrics are on; the supervisor measures nothing while it is absent. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    public void setMetrics(ShimMetrics metrics) {
        supervisor.reportTo(metrics);
    }

    public void unsetMetrics(ShimMetrics metrics) {
        supervisor.reportTo(null);
    }

    Supervisor supervisor() {
        return supervisor;
    }

    /** The audit's cgroup check over the processes supervised now. */
    List<String> cgroupProblems() {
        return cgroups.audit(supervisor.running());
    }

    @Override
    public SupervisedProcess launch(ProcessSpec spec) throws ShimException {
        lifecycle.readLock().lock();
        try {
            if (retired) {
                throw new IllegalStateException("The process service was deactivated and starts nothing more");
            }
            return spawnAndWatch(spec);
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    @Override
    public ProcessPlan plan(ProcessSpec spec) throws ShimException {
        ProcessPlan plan = planner.plan(spec);
        Optional<Cgroups.Planned> cgroup = cgroups.plan(spec.cgroup(), spec.launchId());
        if (cgroup.isEmpty()) {
            return plan;
        }
        return new ProcessPlan(plan.executable(), plan.argv(), plan.environment(), plan.stdio(), plan.newSession(),
                plan.createNamespaces(), plan.enterNamespaces(), spec.cgroup(),
                cgroup.get().directories().values().stream().map(Path::toString).toList());
    }

    private SupervisedProcess spawnAndWatch(ProcessSpec spec) throws ShimException {
        ShimCgroup cgroup = cgroupFor(spec);
        int pid;
        try {
            pid = spawnThread.run(launchOf(spec, cgroup));
        } catch (ShimException | RuntimeException e) {
            if (cgroup != null) {
                cgroups.release(cgroup);
            }
            throw e;
        }
        Instant started = Instant.now();
        long pidfd = libc.syscall(LibC.SYS_PIDFD_OPEN, pid, 0, 0, 0);
        if (pidfd < 0) {
            int errno = Runtime.getRuntime(libc).getLastError();
            // still our unreaped child, so the pid cannot have been reused: kill and reap it by pid
            libc.kill(pid, 9);
            libc.waitpid(pid, null, 0);
            throw new StartFailedException(spec.argv().get(0), errno, "Started " + spec.argv().get(0)
                    + " but cannot supervise it (pidfd_open: " + libc.strerror(errno) + "); it was killed");
        }
        PidfdProcess process = new PidfdProcess(libc, pid, (int) pidfd, started, false, spec.launchId(), cgroup,
                cgroups::release);
        supervisor.watch(process);
        return process;
    }

    /** Creates the cgroup a spec asks for, with its limits; null for the framework's own. */
    private ShimCgroup cgroupFor(ProcessSpec spec) throws ShimException {
        Optional<Cgroups.Planned> planned = cgroups.plan(spec.cgroup(), spec.launchId());
        if (planned.isEmpty()) {
            return null;
        }
        if (placement == null && planned.get().directories().containsKey(CgroupMounts.V2)) {
            throw new StartFailedException(planned.get().path(), LibC.EACCES, "Cannot start " + spec.argv().get(0)
                    + " in cgroup " + planned.get().path() + ": the FIFO that places shims could not be made (see the log)");
        }
        return cgroups.create(planned.get());
    }

    private SpawnThread.Launch<Integer> launchOf(ProcessSpec spec, ShimCgroup cgroup) {
        if (NamespacedLaunch.needed(spec)) {
            return () -> namespaced.spawn(spec, cgroup, placement, threadPlacement);
        }
        if (cgroup != null && cgroup.placedByThread()) {
            return () -> threadPlacement.spawn(cgroup, () -> spawner.spawn(spec));
        }
        if (cgroup != null) {
            return () -> placement.spawn(cgroup, () -> spawner.spawn(spec, placement.childPath()));
        }
        return () -> spawner.spawn(spec);
    }

    @Override
    public PseudoTerminal openPseudoTerminal() throws ShimException {
        return Pty.open(libc);
    }

    @Override
    public OptionalLong startTimeOf(long pid) {
        return pid > 0 ? ProcessStat.startTime(pid) : OptionalLong.empty();
    }

    @Override
    public Optional<ProcessUsage> usage(long pid, long startTime) {
        Optional<PidfdProcess> own = supervisor.watching(pid).filter(p -> p.startTicks().equals(OptionalLong.of(startTime)));
        Optional<ProcessUsage> usage = own.flatMap(p -> p.whileHeld(() -> ProcessUsages.read(pid, startTime, true)))
                .or(() -> ProcessUsages.read(pid, startTime));
        Optional<ShimCgroup> cgroup = own.map(PidfdProcess::shimCgroup);
        return usage.map(u -> cgroup.map(c -> u.withCgroup(c.usage())).orElse(u));
    }

    @Override
    public Optional<ProcessView> inspect(long pid, long startTime) {
        return ProcessViews.read(pid, startTime);
    }

    /**
     * The pidfd is opened first and the start time read after: if they match, the pidfd names the
     * recorded process, since a pid cannot be reused while the process it names still exists.
     */
    @Override
    public SupervisedProcess adopt(long pid, long startTime) throws ShimException {
        if (pid <= 0) {
            throw new InvalidParameterException("pid", pid, "Cannot adopt pid " + pid + ": a pid is greater than 0");
        }
        lifecycle.readLock().lock();
        try {
            if (retired) {
                throw new IllegalStateException("The process service was deactivated and adopts nothing more");
            }
            Optional<PidfdProcess> own = supervisor.watching(pid);
            if (own.isPresent() && own.get().startTicks().equals(OptionalLong.of(startTime))) {
                return own.get(); // still supervised here (the registry restarted, not the JVM): keep its real status
            }
            long pidfd = libc.syscall(LibC.SYS_PIDFD_OPEN, pid, 0, 0, 0);
            if (pidfd < 0) {
                throw new ShimException("Cannot adopt pid " + pid + ": no such process any more");
            }
            OptionalLong actual = ProcessStat.startTime(pid);
            if (actual.isEmpty() || actual.getAsLong() != startTime) {
                libc.close((int) pidfd);
                throw new ShimException("Cannot adopt pid " + pid + ": it is another process now (started at tick "
                        + (actual.isPresent() ? actual.getAsLong() : "?") + ", recorded " + startTime
                        + "); it will not be signalled");
            }
            String launchId = LaunchedProcesses.launchIdOf(pid).orElse("");
            PidfdProcess process = new PidfdProcess(libc, pid, (int) pidfd, ProcessStat.instant(startTime, bootSeconds),
                    true, launchId, cgroups.find(pid, launchId).orElse(null), cgroups::release);
            supervisor.watch(process);
            return process;
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    /**
     * One pass over /proc finds the candidates; each is then held by a pidfd and checked again, so
     * that a process that exited meanwhile and left its pid to another is not taken for it.
     */
    @Override
    public Map<String, SupervisedProcess> adoptLaunched(Set<String> launchIds) {
        lifecycle.readLock().lock();
        try {
            if (retired) {
                throw new IllegalStateException("The process service was deactivated and adopts nothing more");
            }
            Map<String, SupervisedProcess> adopted = new HashMap<>();
            for (String id : launchIds) {
                supervisor.watchingLaunch(id).ifPresent(own -> adopted.put(id, own));
            }
            Set<String> rest = new HashSet<>(launchIds);
            rest.removeAll(adopted.keySet());
            LaunchedProcesses.find(rest).forEach((id, pid) -> adoptLaunch(id, pid).ifPresent(p -> adopted.put(id, p)));
            return adopted;
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    private Optional<SupervisedProcess> adoptLaunch(String launchId, long pid) {
        long pidfd = libc.syscall(LibC.SYS_PIDFD_OPEN, pid, 0, 0, 0);
        if (pidfd < 0) {
            return Optional.empty(); // exited meanwhile
        }
        OptionalLong ticks = ProcessStat.startTime(pid);
        if (ticks.isEmpty() || !LaunchedProcesses.launchIdOf(pid).equals(Optional.of(launchId))) {
            libc.close((int) pidfd);
            return Optional.empty();
        }
        PidfdProcess process = new PidfdProcess(libc, pid, (int) pidfd, ProcessStat.instant(ticks.getAsLong(),
                bootSeconds), true, launchId, cgroups.find(pid, launchId).orElse(null), cgroups::release);
        supervisor.watch(process);
        return Optional.of(process);
    }

    @Override
    public String bootId() {
        return bootId;
    }

    /** The framework's own namespaces: those of the JVM's main thread. */
    @Override
    public Map<NamespaceType, Long> hostNamespaces() {
        return NamespaceLinks.read(Path.of("/proc/self/ns"));
    }

    @Override
    public Map<Long, Integer> pidfds() {
        return ProcSelf.pidfds();
    }
}
