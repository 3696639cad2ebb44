package io.shimhost.core.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The cgroup hierarchies mounted here, and where a process sits in each: cgroup v2 (the whole of
 * {@code /sys/fs/cgroup} on current distributions, {@code /sys/fs/cgroup/unified} without
 * controllers on a "hybrid" host) and the v1 hierarchies of the controllers shims are limited by.
 *
 * @param unified the cgroup v2 mount point, if cgroup v2 is mounted
 * @param unifiedRoot the cgroup path of the v2 mount's root (not {@code /} inside a cgroup namespace)
 * @param v1 the mount point of each v1 controller of {@link #CONTROLLERS} that is mounted
 * @param v1Roots the cgroup path of each v1 mount's root
 */
record CgroupMounts(Optional<Path> unified, String unifiedRoot, Map<String, Path> v1, Map<String, String> v1Roots) {

    /** The v1 controllers a shim's cgroup may need: limits, and the freezer to stop it whole. */
    static final Set<String> CONTROLLERS = Set.of("memory", "pids", "cpu", "freezer");
    /** The key of cgroup v2 in a process's paths ({@link #pathsOf}). */
    static final String V2 = "";

    /** @return the hierarchies of this process's mount namespace; none when /proc cannot be read */
    static CgroupMounts read() {
        try {
            return parse(Files.readAllLines(Path.of("/proc/self/mountinfo")));
        } catch (IOException e) {
            return new CgroupMounts(Optional.empty(), "/", Map.of(), Map.of());
        }
    }

    /** Reads mountinfo lines: {@code ID PARENT MAJ:MIN ROOT MOUNTPOINT OPTIONS [OPTIONAL...] - FSTYPE SOURCE SUPEROPTIONS}. */
    static CgroupMounts parse(List<String> mountinfo) {
        Path unified = null;
        String unifiedRoot = "/";
        Map<String, Path> v1 = new LinkedHashMap<>();
        Map<String, String> v1Roots = new LinkedHashMap<>();
        for (String line : mountinfo) {
            String[] f = line.split(" ");
            int dash = List.of(f).indexOf("-");
            if (f.length < 5 || dash < 0 || f.length < dash + 4) {
                continue;
            }
            String type = f[dash + 1];
            Path point = Path.of(unescape(f[4]));
            if (type.equals("cgroup2") && unified == null) {
                unified = point;
                unifiedRoot = unescape(f[3]);
            } else if (type.equals("cgroup")) {
                for (String option : f[dash + 3].split(",")) {
                    if (CONTROLLERS.contains(option) && !v1.containsKey(option)) {
                        v1.put(option, point);
                        v1Roots.put(option, unescape(f[3]));
                    }
                }
            }
        }
        return new CgroupMounts(Optional.ofNullable(unified), unifiedRoot, Map.copyOf(v1), Map.copyOf(v1Roots));
    }

    /** mountinfo writes a space, tab, newline and backslash in a path as an octal escape. */
    private static String unescape(String field) {
        return field.replace("\\040", " ").replace("\\011", "\t").replace("\\012", "\n").replace("\\134", "\\");
    }

    /** @return whether any hierarchy a shim's cgroup can use is mounted */
    boolean any() {
        return unified.isPresent() || !v1.isEmpty();
    }

    /**
     * The directory of a cgroup path in a hierarchy.
     *
     * @param hierarchy {@link #V2} or a v1 controller
     * @param cgroup a cgroup path as /proc/PID/cgroup shows it
     * @return the directory, or empty when the hierarchy is not mounted or the path lies outside its mount
     */
    Optional<Path> directory(String hierarchy, String cgroup) {
        Optional<Path> point = hierarchy.equals(V2) ? unified : Optional.ofNullable(v1.get(hierarchy));
        String root = hierarchy.equals(V2) ? unifiedRoot : v1Roots.getOrDefault(hierarchy, "/");
        if (point.isEmpty()) {
            return Optional.empty();
        }
        String relative;
        if (root.equals("/")) {
            relative = cgroup;
        } else if (cgroup.equals(root) || cgroup.startsWith(root + "/")) {
            relative = cgroup.substring(root.length());
        } else {
            return Optional.empty();
        }
        return Optional.of(relative.isEmpty() || relative.equals("/") ? point.get() : point.get().resolve(relative.substring(1)));
    }

    /**
     * Where a process sits: the cgroup path of each hierarchy of these mounts, read from
     * /proc/PID/cgroup ({@link #V2} for cgroup v2, else the v1 controller).
     *
     * @param proc the /proc/PID directory, or /proc/self
     * @return the paths; empty when the process is gone
     */
    Map<String, String> pathsOf(Path proc) {
        List<String> lines;
        try {
            lines = Files.readAllLines(proc.resolve("cgroup"));
        } catch (IOException e) {
            return Map.of();
        }
        Map<String, String> paths = new LinkedHashMap<>();
        for (String line : lines) {
            int first = line.indexOf(':');
            int second = line.indexOf(':', first + 1);
            if (first < 0 || second < 0) {
                continue;
            }
            String controllers = line.substring(first + 1, second);
            String path = line.substring(second + 1);
            if (controllers.isEmpty() && line.startsWith("0:")) {
                paths.put(V2, path);
            } else {
                for (String c : controllers.split(",")) {
                    if (CONTROLLERS.contains(c)) {
                        paths.put(c, path);
                    }
                }
            }
        }
        return paths;
    }
}
