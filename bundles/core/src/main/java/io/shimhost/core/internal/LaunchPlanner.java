package io.shimhost.core.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.shimhost.api.NamespaceException;
import io.shimhost.api.NamespaceType;
import io.shimhost.api.ProcessPlan;
import io.shimhost.api.ProcessSpec;
import io.shimhost.api.ShimException;
import io.shimhost.api.StartFailedException;
import io.shimhost.api.Stdio;

/**
 * A launch's plan: the checks a launch makes before it spawns, in its order and with its
 * messages, then what it would do; nothing is spawned, and what is opened to be checked (a
 * console, a namespace's file) is closed again.
 */
final class LaunchPlanner {

    private final LibC libc;
    private final Spawner spawner;

    LaunchPlanner(LibC libc, Spawner spawner) {
        this.libc = libc;
        this.spawner = spawner;
    }

    ProcessPlan plan(ProcessSpec spec) throws ShimException {
        if (NamespacedLaunch.needed(spec)) {
            NamespacedLaunch.refuseWhatTheKernelForbids(spec);
        }
        List<ProcessPlan.Entered> entered = new ArrayList<>();
        try (NamespaceFiles files = NamespaceFiles.open(libc, spec.enterNamespaces())) {
            for (NamespaceFiles.Opened o : files.opened()) {
                entered.add(new ProcessPlan.Entered(o.type(), o.path(), inode(o)));
            }
        }
        Stdio stdio = spec.stdio();
        if (stdio.kind() == Stdio.Kind.CONSOLE) {
            spawner.requireTerminal(stdio.consolePath().orElseThrow());
        }
        if (stdio.kind() == Stdio.Kind.LOG) {
            OutputFiles.requireSafe(stdio.logPath().orElseThrow());
        }
        boolean entersMounts = spec.enterNamespaces().stream().anyMatch(r -> r.type() == NamespaceType.MNT);
        String executable = entersMounts ? spec.argv().get(0) : executable(spec.argv().get(0), stdio);
        Map<String, String> environment = new LinkedHashMap<>();
        for (String variable : spawner.environmentOf(spec)) {
            int eq = variable.indexOf('=');
            environment.put(variable.substring(0, eq), variable.substring(eq + 1));
        }
        return new ProcessPlan(executable, spec.argv(), environment, stdio, spec.newSession(), spec.createNamespaces(),
                entered);
    }

    /** The inode of an opened namespace file: /proc/self/fd/N reads {@code net:[4026531840]}. */
    private static long inode(NamespaceFiles.Opened opened) throws NamespaceException {
        try {
            String link = Files.readSymbolicLink(Path.of("/proc/self/fd", Integer.toString(opened.fd()))).toString();
            return Long.parseLong(link.substring(link.indexOf('[') + 1, link.indexOf(']')));
        } catch (IOException | RuntimeException e) {
            throw new NamespaceException(opened.type(), opened.path(), "Cannot read the inode of " + opened.path()
                    + ": " + e.getMessage());
        }
    }

    /** As posix_spawnp finds it: a name without a slash on the framework's PATH, else the path itself. */
    private String executable(String program, Stdio stdio) throws StartFailedException {
        if (program.contains("/")) {
            return usable(Path.of(program), program, stdio);
        }
        String path = System.getenv().getOrDefault("PATH", ProcessSpec.DEFAULT_PATH);
        for (String folder : path.split(":")) {
            Path candidate = Path.of(folder.isEmpty() ? "." : folder, program);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        throw failed(program, stdio, LibC.ENOENT);
    }

    private String usable(Path file, String program, Stdio stdio) throws StartFailedException {
        if (!Files.exists(file)) {
            throw failed(program, stdio, LibC.ENOENT);
        }
        if (!Files.isRegularFile(file) || !Files.isExecutable(file)) {
            throw failed(program, stdio, LibC.EACCES);
        }
        return program;
    }

    /** The failure posix_spawnp would report, in the launch's words. */
    private StartFailedException failed(String program, Stdio stdio, int errno) {
        return new StartFailedException(program, errno, "Cannot start " + program + Spawner.stdioNote(stdio) + ": "
                + libc.strerror(errno) + " (errno " + errno + ")");
    }
}
