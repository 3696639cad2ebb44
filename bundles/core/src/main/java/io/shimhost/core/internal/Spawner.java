package io.shimhost.core.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.shimhost.api.ProcessSpec;
import io.shimhost.api.StartFailedException;
import io.shimhost.api.Stdio;

import jnr.ffi.Memory;
import jnr.ffi.Pointer;
import jnr.ffi.Runtime;
import jnr.ffi.byref.IntByReference;

/**
 * Starts a process with posix_spawnp (PATH is searched when the program has no slash, as Kata's
 * exec.Command does). The child gets descriptors 0, 1 and 2 only, an empty signal mask and
 * default dispositions for every signal, whatever the calling JVM thread had.
 */
final class Spawner {

    /** Bits of signals 32 (SIGCANCEL) and 33 (SIGSETXID) in the first word of a sigset_t. */
    private static final long GLIBC_INTERNAL_SIGNALS = (1L << 31) | (1L << 32);

    private final LibC libc;
    private final Runtime runtime;

    Spawner(LibC libc) {
        this.libc = libc;
        this.runtime = Runtime.getRuntime(libc);
    }

    /** Returns the pid of the started child; on failure nothing was started. */
    int spawn(ProcessSpec spec) throws StartFailedException {
        String program = spec.argv().get(0);
        checkConsole(spec.stdio());
        Pointer actions = Memory.allocateDirect(runtime, LibC.OPAQUE_SIZE);
        Pointer attr = Memory.allocateDirect(runtime, LibC.OPAQUE_SIZE);
        require(libc.posix_spawn_file_actions_init(actions), program, "posix_spawn_file_actions_init");
        try {
            require(libc.posix_spawnattr_init(attr), program, "posix_spawnattr_init");
            try {
                stdio(actions, spec.stdio(), program);
                require(libc.posix_spawn_file_actions_addclosefrom_np(actions, 3), program, "addclosefrom_np");
                signals(attr, spec.newSession(), program);
                IntByReference pid = new IntByReference();
                int rc = libc.posix_spawnp(pid, program, actions, attr, spec.argv().toArray(String[]::new),
                        environment(spec));
                if (rc != 0) {
                    throw new StartFailedException(program, rc, "Cannot start " + program + consoleNote(spec.stdio())
                            + ": " + libc.strerror(rc) + " (errno " + rc + ")");
                }
                return pid.intValue();
            } finally {
                libc.posix_spawnattr_destroy(attr);
            }
        } finally {
            libc.posix_spawn_file_actions_destroy(actions);
        }
    }

    private static void checkConsole(Stdio stdio) throws StartFailedException {
        if (stdio.kind() == Stdio.Kind.CONSOLE) {
            Path console = stdio.consolePath().orElseThrow();
            if (!Files.exists(console)) {
                throw new StartFailedException(console.toString(), 2, "Console " + console + " does not exist");
            }
        }
    }

    /** A console is opened in the child after setsid, so it becomes the controlling terminal. */
    private void stdio(Pointer actions, Stdio stdio, String program) throws StartFailedException {
        switch (stdio.kind()) {
            case DISCARD -> {
                require(libc.posix_spawn_file_actions_addopen(actions, 0, "/dev/null", LibC.O_RDONLY, 0), program, "addopen");
                require(libc.posix_spawn_file_actions_addopen(actions, 1, "/dev/null", LibC.O_WRONLY, 0), program, "addopen");
                require(libc.posix_spawn_file_actions_addopen(actions, 2, "/dev/null", LibC.O_WRONLY, 0), program, "addopen");
            }
            case CONSOLE -> {
                String console = stdio.consolePath().orElseThrow().toString();
                require(libc.posix_spawn_file_actions_addopen(actions, 0, console, LibC.O_RDWR, 0), program, "addopen");
                require(libc.posix_spawn_file_actions_adddup2(actions, 0, 1), program, "adddup2");
                require(libc.posix_spawn_file_actions_adddup2(actions, 0, 2), program, "adddup2");
            }
            default -> {
                // INHERIT: the framework's own 0, 1 and 2
            }
        }
    }

    private void signals(Pointer attr, boolean newSession, String program) throws StartFailedException {
        Pointer none = Memory.allocateDirect(runtime, LibC.OPAQUE_SIZE);
        Pointer all = Memory.allocateDirect(runtime, LibC.OPAQUE_SIZE);
        libc.sigemptyset(none);
        libc.sigfillset(all);
        // sigfillset leaves out glibc's internal signals 32 and 33, and posix_spawn then sets them
        // to SIG_IGN in the child, which exec keeps: put their bits in by hand so they are reset too
        all.putLong(0, all.getLong(0) | GLIBC_INTERNAL_SIGNALS);
        short flags = (short) (LibC.POSIX_SPAWN_SETSIGMASK | LibC.POSIX_SPAWN_SETSIGDEF
                | (newSession ? LibC.POSIX_SPAWN_SETSID : 0));
        require(libc.posix_spawnattr_setflags(attr, flags), program, "posix_spawnattr_setflags");
        require(libc.posix_spawnattr_setsigmask(attr, none), program, "posix_spawnattr_setsigmask");
        require(libc.posix_spawnattr_setsigdefault(attr, all), program, "posix_spawnattr_setsigdefault");
    }

    private static String[] environment(ProcessSpec spec) {
        Map<String, String> env = spec.environment().orElseGet(System::getenv);
        return env.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toArray(String[]::new);
    }

    private static String consoleNote(Stdio stdio) {
        return stdio.kind() == Stdio.Kind.CONSOLE ? " on console " + stdio.consolePath().orElseThrow() : "";
    }

    private void require(int rc, String program, String call) throws StartFailedException {
        if (rc != 0) {
            throw new StartFailedException(program, rc, "Cannot prepare the start of " + program + ": " + call
                    + " failed: " + libc.strerror(rc));
        }
    }
}
