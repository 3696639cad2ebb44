package io.shimhost.core.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.shimhost.api.CgroupSpec;
import io.shimhost.api.ResourceLimits;
import io.shimhost.api.ShimException;
import io.shimhost.api.StartFailedException;

/**
 * Shims' cgroups: where one would be created or joined (a plan), creating it with its limits,
 * finding it again for an adopted process, and removing it once its processes are gone. A cgroup
 * of a shim's own is named {@value #PREFIX} and the launch id, under its parent in every hierarchy
 * used. Where cgroup v1 hierarchies are mounted (a v1 or "hybrid" host) it lives in those: the
 * freezer tracks its processes and stops them whole, and each limit has the directory of its
 * controller, unless cgroup v2 offers that controller; the launching thread places the child there
 * by joining ({@link ThreadPlacement}). On a cgroup v2 host it is one v2 directory (tracking,
 * {@code cgroup.kill}, limits), and a gate places the child ({@link CgroupPlacement}): v2 moves
 * whole processes only. A hybrid host's controller-less v2 mount would add nothing the freezer
 * does not give, and would cost every start that gate.
 */
final class Cgroups implements AutoCloseable {

    /** The start of the name of every cgroup created for a shim. */
    static final String PREFIX = "shimhost-";
    /** The leaf of its own cgroup the framework moves into on cgroup v2, when shims' limits need its cgroup's controllers. */
    static final String DAEMON_LEAF = "shimhost.daemon";

    private static final Logger LOG = LoggerFactory.getLogger(Cgroups.class);
    private static final long REMOVAL_TRIES = 500;
    private static final long REMOVAL_PAUSE_MILLIS = 10;

    private final LibC libc;
    private final CgroupMounts mounts;
    /** The framework's own cgroup path in each hierarchy: the default parent. */
    private final Map<String, String> own;
    /** The parent directories used since the start, where the audit looks for cgroups left without a shim. */
    private final Set<Path> parents = ConcurrentHashMap.newKeySet();
    /** Own cgroups whose process ended and which are being emptied and removed: not left, yet. */
    private final Set<Path> releasing = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService removals = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "shimhost-cgroup-removal");
        t.setDaemon(true);
        return t;
    });

    /**
     * A cgroup as a start would use it.
     *
     * @param spec what was asked for
     * @param path its path in the tracking hierarchy
     * @param directories its directory in each hierarchy used
     * @param enable for cgroup v2 limits, the controllers to enable in the parent's subtree_control
     */
    record Planned(CgroupSpec spec, String path, Map<String, Path> directories, List<String> enable) {
    }

    Cgroups(LibC libc, CgroupMounts mounts, Map<String, String> own) {
        this.libc = libc;
        this.mounts = mounts;
        this.own = Map.copyOf(own);
    }

    /** The hierarchies of this process's mount namespace, and its own place in them. */
    static Cgroups here(LibC libc) {
        CgroupMounts mounts = CgroupMounts.read();
        return new Cgroups(libc, mounts, mounts.pathsOf(Path.of("/proc/self")));
    }

    CgroupMounts mounts() {
        return mounts;
    }

    /**
     * Where a start would go, checked as a start checks it; nothing is created.
     *
     * @param spec what was asked for
     * @param launchId the start's launch id, which names its own cgroup; empty: a random name
     * @return the plan, or empty for the framework's own cgroup
     * @throws ShimException saying in one line why the host cannot give what was asked for
     */
    Optional<Planned> plan(CgroupSpec spec, String launchId) throws ShimException {
        return switch (spec.placement()) {
            case NONE -> Optional.empty();
            case JOIN -> Optional.of(planJoin(spec));
            case OWN -> Optional.of(planOwn(spec, launchId.isEmpty() ? randomName() : PREFIX + launchId));
        };
    }

    private Planned planJoin(CgroupSpec spec) throws ShimException {
        Map<String, Path> dirs = new LinkedHashMap<>();
        for (String h : hierarchies()) {
            mounts.directory(h, spec.path()).filter(Files::isDirectory).ifPresent(d -> dirs.put(h, d));
        }
        if (dirs.isEmpty()) {
            throw refused(spec.path(), "Cannot join cgroup " + spec.path() + ": it exists in no cgroup hierarchy here ("
                    + mountList() + "); create it first, or give --cgroup own");
        }
        return new Planned(spec, spec.path(), dirs, List.of());
    }

    private Planned planOwn(CgroupSpec spec, String name) throws ShimException {
        if (!mounts.any()) {
            throw refused(name, "Cannot give the shim a cgroup of its own: no cgroup hierarchy is mounted here");
        }
        String tracking = ShimCgroup.TRACKING.stream().filter(this::mounted).findFirst()
                .orElseGet(() -> mounts.v1().keySet().iterator().next());
        Map<String, Path> dirs = new LinkedHashMap<>();
        dirs.put(tracking, childOf(spec, tracking, name));
        List<String> enable = new ArrayList<>();
        ResourceLimits limits = spec.limits();
        limit(spec, name, "memory", "memory", limits.memoryBytes() != 0, dirs, enable);
        limit(spec, name, "pids", "pids", limits.pids() != 0, dirs, enable);
        limit(spec, name, "cpu", "CPU weight", limits.cpuWeight() != 0, dirs, enable);
        return new Planned(spec, parentPath(spec, tracking) + "/" + name, dirs, List.copyOf(enable));
    }

    /** A limit goes to cgroup v2 where its controller is offered to the parent, else to its v1 hierarchy. */
    private void limit(CgroupSpec spec, String name, String controller, String what, boolean wanted,
            Map<String, Path> dirs, List<String> enable) throws ShimException {
        if (!wanted) {
            return;
        }
        if (mounts.unified().isPresent() && offered(parentDirectory(spec, CgroupMounts.V2), controller)) {
            dirs.putIfAbsent(CgroupMounts.V2, childOf(spec, CgroupMounts.V2, name));
            enable.add(controller);
        } else if (mounts.v1().containsKey(controller)) {
            dirs.put(controller, childOf(spec, controller, name));
        } else {
            throw refused(controller, "Cannot enforce the " + what + " limit: the " + controller + " controller is "
                    + (mounts.unified().isPresent() ? "not offered to " + parentPath(spec, CgroupMounts.V2)
                            + " on cgroup v2 (not in its cgroup.controllers; under systemd the unit needs Delegate=yes)"
                            : "not mounted") + (mounts.v1().isEmpty() ? "" : " and has no cgroup v1 hierarchy here"));
        }
    }

    private boolean mounted(String hierarchy) {
        return hierarchy.equals(CgroupMounts.V2) ? mounts.unified().isPresent() : mounts.v1().containsKey(hierarchy);
    }

    private static boolean offered(Path parent, String controller) {
        try {
            return List.of(Files.readString(parent.resolve("cgroup.controllers")).trim().split(" ")).contains(controller);
        } catch (IOException e) {
            return false;
        }
    }

    private Path childOf(CgroupSpec spec, String hierarchy, String name) throws ShimException {
        return parentDirectory(spec, hierarchy).resolve(name);
    }

    private Path parentDirectory(CgroupSpec spec, String hierarchy) throws ShimException {
        String parent = parentPath(spec, hierarchy);
        Optional<Path> dir = mounts.directory(hierarchy, parent).filter(Files::isDirectory);
        if (dir.isEmpty()) {
            throw refused(parent, "Cannot create the shim's cgroup under " + parent + ": it does not exist in the "
                    + name(hierarchy) + " hierarchy" + mounts.directory(hierarchy, parent).map(d -> " (" + d + ")").orElse("")
                    + "; create it, or set cgroup.parent to one that exists");
        }
        return dir.get();
    }

    private String parentPath(CgroupSpec spec, String hierarchy) {
        String parent = spec.path().isEmpty() ? own.getOrDefault(hierarchy, "/") : spec.path();
        return parent.equals("/") ? "" : parent;
    }

    /**
     * Creates a planned cgroup of a shim's own with its limits, or takes a joined one as it is. A
     * failure half-way removes what was created.
     */
    ShimCgroup create(Planned planned) throws ShimException {
        if (planned.spec().placement() == CgroupSpec.Placement.JOIN) {
            return new ShimCgroup(planned.path(), false, planned.directories());
        }
        ShimCgroup cgroup = new ShimCgroup(planned.path(), true, planned.directories(), planned.spec().limits().pids());
        List<Path> made = new ArrayList<>();
        try {
            for (Map.Entry<String, Path> e : planned.directories().entrySet()) {
                if (e.getKey().equals(CgroupMounts.V2)) {
                    enable(e.getValue().getParent(), planned.enable());
                }
                Files.createDirectory(e.getValue());
                made.add(e.getValue());
                parents.add(e.getValue().getParent());
            }
            writeLimits(planned, cgroup.placedByThread());
            return cgroup;
        } catch (IOException e) {
            made.forEach(d -> d.toFile().delete());
            throw refused(planned.path(), "Cannot create the shim's cgroup " + planned.path() + ": " + reason(e));
        } catch (ShimException e) {
            made.forEach(d -> d.toFile().delete());
            throw e;
        }
    }

    /**
     * Enables the controllers of cgroup v2 limits in the parent's subtree_control. A cgroup holding a
     * process cannot pass controllers on (v2's no-internal-process rule): when the parent is the
     * framework's own cgroup, as under systemd with {@code Delegate=yes}, the framework moves itself
     * into a leaf of it, {@value #DAEMON_LEAF}, once, as systemd asks of a delegated service.
     */
    private void enable(Path parent, List<String> controllers) throws ShimException {
        for (String c : controllers) {
            try {
                enable(parent, c);
            } catch (IOException busy) {
                if (!parent.equals(mounts.directory(CgroupMounts.V2, own.getOrDefault(CgroupMounts.V2, "/")).orElse(null))
                        || !reason(busy).contains("busy")) {
                    throw refusedToEnable(parent, c, busy);
                }
                try {
                    leaveForLeaf(parent);
                    enable(parent, c);
                } catch (IOException e) {
                    throw refusedToEnable(parent, c, e);
                }
            }
        }
    }

    private static void enable(Path parent, String controller) throws IOException {
        Files.writeString(parent.resolve("cgroup.subtree_control"), "+" + controller, StandardCharsets.US_ASCII);
    }

    private static void leaveForLeaf(Path own) throws IOException {
        Path leaf = own.resolve(DAEMON_LEAF);
        if (!Files.isDirectory(leaf)) {
            Files.createDirectory(leaf);
        }
        Files.writeString(leaf.resolve("cgroup.procs"), Long.toString(ProcessHandle.current().pid()), StandardCharsets.US_ASCII);
        LOG.atInfo().addKeyValue("cgroup", leaf).log("Moved the framework into a leaf of its cgroup, so that its cgroup can "
                + "pass controllers on to shims' cgroups (cgroup v2 lets no cgroup holding a process do so)");
    }

    private static StartFailedException refusedToEnable(Path parent, String controller, IOException e) {
        return refused(controller, "Cannot enforce a " + controller + " limit on cgroup v2: enabling " + controller + " in "
                + parent + "/cgroup.subtree_control failed (" + reason(e) + "); a cgroup v2 parent must hold no process "
                + "of its own: set cgroup.parent to a cgroup that holds none");
    }

    /** Each limit goes to the v1 hierarchy planned for it, else to cgroup v2. */
    private void writeLimits(Planned planned, boolean placedByThread) throws IOException {
        ResourceLimits limits = planned.spec().limits();
        Map<String, Path> dirs = planned.directories();
        if (limits.memoryBytes() != 0) {
            write(dirs, "memory", "memory.limit_in_bytes", "memory.max", limits.memoryBytes());
        }
        if (limits.pids() != 0) {
            // one more for the launching thread while it places the child (ThreadPlacement)
            write(dirs, "pids", "pids.max", "pids.max", limits.pids() + (placedByThread ? 1 : 0));
        }
        if (limits.cpuWeight() != 0) {
            boolean v1 = dirs.containsKey("cpu");
            // systemd's mapping of CPUWeight= to v1's cpu.shares; 2 is the least the kernel takes
            write(dirs, "cpu", "cpu.shares", "cpu.weight", v1 ? Math.max(2, limits.cpuWeight() * 1024L / 100) : limits.cpuWeight());
        }
    }

    private void write(Map<String, Path> dirs, String controller, String v1File, String v2File, long value)
            throws IOException {
        Path file = dirs.containsKey(controller) ? dirs.get(controller).resolve(v1File) : dirs.get(CgroupMounts.V2).resolve(v2File);
        ShimCgroup.write(libc, file, Long.toString(value).getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * The cgroup an adopted process runs in: its own when it sits in cgroups named for its launch id
     * (those directories), else a joined one: where it sits elsewhere than the framework.
     */
    Optional<ShimCgroup> find(long pid, String launchId) {
        Map<String, String> paths = mounts.pathsOf(Path.of("/proc", Long.toString(pid)));
        Map<String, Path> dirs = new LinkedHashMap<>();
        for (String h : hierarchies()) {
            String p = paths.get(h);
            if (p != null && !p.equals(own.get(h))) {
                mounts.directory(h, p).ifPresent(d -> dirs.put(h, d));
            }
        }
        if (dirs.isEmpty()) {
            return Optional.empty();
        }
        String ownName = "/" + PREFIX + launchId;
        boolean owned = !launchId.isEmpty() && dirs.keySet().stream().anyMatch(h -> paths.get(h).endsWith(ownName));
        if (owned) {
            dirs.keySet().removeIf(h -> !paths.get(h).endsWith(ownName));
        }
        String tracking = ShimCgroup.TRACKING.stream().filter(dirs::containsKey).findFirst()
                .orElseGet(() -> dirs.keySet().iterator().next());
        return Optional.of(new ShimCgroup(paths.get(tracking), owned, dirs));
    }

    /** Kills what its process left in an own cgroup and removes it once empty, off the caller's thread. */
    void release(ShimCgroup cgroup) {
        if (!cgroup.own()) {
            return;
        }
        releasing.addAll(cgroup.directories());
        try {
            removals.execute(() -> removeWhenEmpty(cgroup, 0));
        } catch (java.util.concurrent.RejectedExecutionException e) {
            cgroup.kill(libc);
            cgroup.remove();
        }
    }

    private void removeWhenEmpty(ShimCgroup cgroup, int tries) {
        if (!cgroup.processes().isEmpty()) {
            cgroup.kill(libc);
        }
        if (cgroup.remove()) {
            releasing.removeAll(cgroup.directories());
            return;
        }
        if (tries >= REMOVAL_TRIES) {
            releasing.removeAll(cgroup.directories());
            LOG.atWarn().addKeyValue("cgroup", cgroup.path()).addKeyValue("processes", cgroup.processes())
                    .log("A shim's cgroup is still in use five seconds after the shim ended and stays; shim:audit lists it");
            return;
        }
        removals.schedule(() -> removeWhenEmpty(cgroup, tries + 1), REMOVAL_PAUSE_MILLIS, TimeUnit.MILLISECONDS);
    }

    /**
     * @return the directories of cgroups named like a shim's own under the parents used since the
     *         framework started and the framework's own cgroup, by launch id
     */
    Map<String, List<Path>> ownCgroups() {
        Map<String, List<Path>> found = new LinkedHashMap<>();
        Set<Path> all = new java.util.HashSet<>(parents);
        own.forEach((h, p) -> mounts.directory(h, p).ifPresent(all::add));
        for (Path parent : all) {
            try (var children = Files.newDirectoryStream(parent, PREFIX + "*")) {
                for (Path child : children) {
                    if (Files.isDirectory(child)) {
                        found.computeIfAbsent(child.getFileName().toString().substring(PREFIX.length()),
                                k -> new ArrayList<>()).add(child);
                    }
                }
            } catch (IOException e) {
                // gone: nothing under it
            }
        }
        return found;
    }

    /**
     * The audit's check: no cgroup named like a shim's own is left without its shim (under the parents
     * used since the framework started and its own cgroup), and no running shim sits outside its cgroup.
     *
     * @param running the processes supervised now
     * @return the problems, one line each
     */
    List<String> audit(List<PidfdProcess> running) {
        List<String> problems = new ArrayList<>();
        Set<Path> inUse = new java.util.HashSet<>();
        for (PidfdProcess p : running) {
            ShimCgroup cgroup = p.shimCgroup();
            if (cgroup == null) {
                continue;
            }
            if (cgroup.own()) {
                inUse.addAll(cgroup.directories());
            }
            String actual = mounts.pathsOf(Path.of("/proc", Long.toString(p.pid()))).get(cgroup.trackingHierarchy());
            if (actual != null && !actual.equals(cgroup.path()) && p.isRunning()) {
                problems.add("shim pid " + p.pid() + " sits in cgroup " + actual + ", outside its cgroup " + cgroup.path()
                        + ": limits and a stop no longer reach it");
            }
        }
        ownCgroups().forEach((launch, dirs) -> dirs.stream().filter(d -> !inUse.contains(d) && !releasing.contains(d))
                .forEach(d -> problems.add("cgroup " + d + " is left without a shim (launch " + launch + "): "
                        + "kill what is in it (cgroup.kill, or its cgroup.procs) and rmdir it")));
        return problems;
    }

    private List<String> hierarchies() {
        List<String> h = new ArrayList<>();
        mounts.unified().ifPresent(u -> h.add(CgroupMounts.V2));
        h.addAll(new java.util.TreeSet<>(mounts.v1().keySet()));
        return h;
    }

    private String mountList() {
        List<String> points = new ArrayList<>();
        mounts.unified().ifPresent(u -> points.add(u.toString()));
        mounts.v1().values().stream().distinct().sorted().forEach(p -> points.add(p.toString()));
        return points.isEmpty() ? "none mounted" : String.join(", ", points);
    }

    private static String name(String hierarchy) {
        return hierarchy.equals(CgroupMounts.V2) ? "cgroup v2" : "cgroup v1 " + hierarchy;
    }

    private static String randomName() {
        byte[] b = new byte[8];
        new SecureRandom().nextBytes(b);
        return PREFIX + HexFormat.of().formatHex(b);
    }

    private static String reason(IOException e) {
        return e instanceof java.nio.file.FileSystemException f && f.getReason() != null ? f.getReason()
                : String.valueOf(e.getMessage());
    }

    private static StartFailedException refused(String subject, String message) {
        return new StartFailedException(subject, LibC.EACCES, message);
    }

    @Override
    public void close() throws InterruptedException {
        removals.shutdown();
        removals.awaitTermination(10, TimeUnit.SECONDS);
    }
}
