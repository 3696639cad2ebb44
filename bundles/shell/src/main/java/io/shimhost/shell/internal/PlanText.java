package io.shimhost.shell.internal;

import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;

import io.shimhost.api.CgroupSpec;
import io.shimhost.api.NamespaceType;
import io.shimhost.api.ProcessPlan;
import io.shimhost.api.Stdio;
import io.shimhost.api.registry.ShimConfigEntry;
import io.shimhost.api.registry.ShimPlan;

/** {@code shim:start --dry-run}'s plan as text: one field a line, a list's further lines indented. */
final class PlanText {

    private static final String INDENT = " ".repeat(13);

    private final StringBuilder text = new StringBuilder();

    private PlanText() {
    }

    static String of(ShimPlan plan) {
        PlanText out = new PlanText();
        out.field("type", plan.type() + " (" + plan.bundleSymbolicName() + " " + plan.bundleVersion() + ")");
        out.field("id", plan.id());
        out.field("config", plan.configuration().isEmpty() ? List.of("none")
                : plan.configuration().stream().map(PlanText::setting).toList());
        plan.launch().ifPresentOrElse(out::launch,
                () -> out.field("launch", "none: " + plan.type() + " runs no process; nothing is spawned"));
        out.text.append("nothing was started: a dry run");
        return out.text.toString();
    }

    private static String setting(ShimConfigEntry e) {
        return e.key() + " = " + e.value() + "  (" + e.origin() + ")";
    }

    private void launch(ProcessPlan launch) {
        field("program", launch.executable());
        field("argv", launch.argv().stream().map(PlanText::quoted).collect(Collectors.joining(" ")));
        field("environment", launch.environment().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
        field("stdio", stdio(launch.stdio()));
        field("session", launch.newSession() ? "a new session, led by the shim (its console's)"
                : "the framework's session, in a process group of the shim's own");
        field("create", launch.createNamespaces().isEmpty() ? "no namespace"
                : new TreeSet<>(launch.createNamespaces()).stream().map(NamespaceType::procName)
                        .collect(Collectors.joining(", ")));
        field("enter", launch.enterNamespaces().isEmpty() ? List.of("no namespace")
                : launch.enterNamespaces().stream().map(e -> e.type().procName() + " " + e.path() + " (inode "
                        + e.inode() + ")").toList());
        field("cgroup", cgroup(launch));
    }

    private static List<String> cgroup(ProcessPlan launch) {
        CgroupSpec cgroup = launch.cgroup();
        if (cgroup.placement() == CgroupSpec.Placement.NONE) {
            return List.of("the framework's");
        }
        List<String> lines = new java.util.ArrayList<>();
        lines.add(cgroup.placement() == CgroupSpec.Placement.JOIN ? "join " + cgroup.path() + " (not limited, killed or removed for the shim)"
                : "its own, limits: " + cgroup.limits() + " (created at the start, removed after it)");
        lines.addAll(launch.cgroupDirectories());
        return lines;
    }

    private static String stdio(Stdio stdio) {
        return switch (stdio.kind()) {
            case INHERIT -> "the framework's stdin, stdout and stderr (attached)";
            case DISCARD -> "/dev/null (detached)";
            case CONSOLE -> "console " + stdio.consolePath().orElseThrow() + " (stdin, stdout, stderr, controlling terminal)";
            case LOG -> "stdout and stderr appended to " + stdio.logPath().orElseThrow() + ", stdin /dev/null";
        };
    }

    private void field(String name, String value) {
        field(name, List.of(value));
    }

    private void field(String name, List<String> lines) {
        text.append(String.format("%-13s", name)).append(lines.get(0)).append('\n');
        lines.subList(1, lines.size()).forEach(l -> text.append(INDENT).append(l).append('\n'));
    }

    /** A word as a POSIX shell would need it: in single quotes when it holds anything but safe characters. */
    static String quoted(String word) {
        if (!word.isEmpty() && word.matches("[A-Za-z0-9_@%+=:,./-]+")) {
            return word;
        }
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
