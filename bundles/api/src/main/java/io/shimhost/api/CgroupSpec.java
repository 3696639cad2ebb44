package io.shimhost.api;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The cgroup a process starts in: the framework's own (as before cgroups were asked for), a cgroup
 * of its own that is created for it, or an existing one it joins (Kata's sandbox-only placement).
 * A process is placed before it runs its first instruction.
 *
 * @param placement where it starts
 * @param path for {@link Placement#OWN}, the parent its cgroup is created under ({@code ""}: the
 *        framework's own cgroup); for {@link Placement#JOIN}, the cgroup joined; else {@code ""}.
 *        A path is absolute within each cgroup hierarchy, as {@code /proc/PID/cgroup} shows it.
 * @param limits what its own cgroup enforces; none for the other placements
 */
public record CgroupSpec(Placement placement, String path, ResourceLimits limits) {

    /** Where a process starts. */
    public enum Placement {
        /** In the framework's cgroup. */
        NONE,
        /** In a cgroup of its own, created for it and removed once it and what it started are gone. */
        OWN,
        /** In an existing cgroup, which it shares and which is neither limited nor killed nor removed for it. */
        JOIN
    }

    /** The word that asks for a cgroup of the shim's own. */
    public static final String OWN_WORD = "own";

    private static final CgroupSpec NONE = new CgroupSpec(Placement.NONE, "", ResourceLimits.none());
    private static final Pattern PATH = Pattern.compile("(/[A-Za-z0-9_.:@+-]{1,255})+");

    /** @throws IllegalArgumentException if the path or limits do not fit the placement */
    public CgroupSpec {
        Objects.requireNonNull(placement, "placement");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(limits, "limits");
        if (placement != Placement.OWN && !limits.isEmpty() || placement == Placement.NONE && !path.isEmpty()
                || placement == Placement.JOIN && path.isEmpty() || !path.isEmpty() && !validPath(path)) {
            throw new IllegalArgumentException("No cgroup is " + placement + " " + path + " with limits " + limits);
        }
    }

    /** @return the framework's own cgroup */
    public static CgroupSpec none() {
        return NONE;
    }

    /**
     * Resolves what a start or a type's configuration asks for.
     *
     * @param placement {@code ""} for none (or own, when limits are set), {@value #OWN_WORD}, or the
     *        absolute path of an existing cgroup to join
     * @param parent the parent of an own cgroup, {@code ""} for the framework's own cgroup
     * @param limits the limits; they imply a cgroup of its own
     * @return the spec
     * @throws InvalidParameterException naming {@code cgroup} or {@code cgroup.parent} if a path is
     *         not a clean absolute path, or limits are asked for a cgroup that is joined
     */
    public static CgroupSpec of(String placement, String parent, ResourceLimits limits) throws InvalidParameterException {
        String p = placement == null ? "" : placement.trim();
        String under = parent == null ? "" : parent.trim();
        if (!under.isEmpty() && !validPath(under)) {
            throw badPath("cgroup.parent", under);
        }
        if (p.isEmpty()) {
            return limits.isEmpty() ? NONE : new CgroupSpec(Placement.OWN, under, limits);
        }
        if (p.equals(OWN_WORD)) {
            return new CgroupSpec(Placement.OWN, under, limits);
        }
        if (!validPath(p)) {
            throw badPath("cgroup", p);
        }
        if (!limits.isEmpty()) {
            throw new InvalidParameterException("cgroup", p, "Limits (" + limits + ") apply to a cgroup of the shim's own, "
                    + "not to the existing cgroup " + p + ", which keeps its own limits: give --cgroup own, or no limits");
        }
        return new CgroupSpec(Placement.JOIN, p, ResourceLimits.none());
    }

    private static InvalidParameterException badPath(String parameter, String path) {
        return new InvalidParameterException(parameter, path, "Invalid " + parameter + " \"" + path + "\": give "
                + (parameter.equals("cgroup") ? OWN_WORD + " or " : "") + "an absolute cgroup path such as /kata/sandbox-1 "
                + "(letters, digits and _.:@+- between slashes, no . or .. segments)");
    }

    private static boolean validPath(String path) {
        return PATH.matcher(path).matches() && !path.contains("/./") && !path.contains("/../")
                && !path.endsWith("/.") && !path.endsWith("/..");
    }

    /** Returns {@code none}, {@code own under PARENT, limits} or {@code join PATH}. */
    @Override
    public String toString() {
        return switch (placement) {
            case NONE -> "none";
            case OWN -> "own under " + (path.isEmpty() ? "the framework's cgroup" : path) + ", limits " + limits;
            case JOIN -> "join " + path;
        };
    }
}
