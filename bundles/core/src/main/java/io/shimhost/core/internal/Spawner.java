package io.shimhost.core.internal;

import java.nio.file.Files;
import java.nio.file.Path;

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
 * default dispositions for every signal, whatever the calling JVM thread had. It leads a process
 * group of its own (or, on a console, a session of its own), so that nothing it sends to "its
 * group" (kill(0, sig), as kata-shim does on SIGQUIT) reaches the framework or another shim.
 *
 * <p>An attached child shares the framework's stdout and stderr. Its stdin is the framework's too,
 * unless that is a terminal: a process group of its own is a background group there, which the
 * kernel stops (SIGTTIN) when it reads, and it would take the operator's keystrokes from the shell;
 * it reads /dev/null instead. A shim that needs a terminal gets a console.
 *
 * <p>posix_spawn only reads its attributes and file actions, so the ones that never change (with
 * and without a new session; stdio inherited or on /dev/null) are built once and shared by every
 * start; only a console needs file actions of its own.
 */
final class Spawner implements AutoCloseable {

    /** Bits of signals 32 (SIGCANCEL) and 33 (SIGSETXID) in the first word of a sigset_t. */
    private static final long GLIBC_INTERNAL_SIGNALS = (1L << 31) | (1L << 32);

    private final LibC libc;
    private final Runtime runtime;
    private final Pointer sameSession;
    private final Pointer newSession;
    private final Pointer inheritStdio;
    private final Pointer discardStdio;
    private final ShimEnvironment environment;

    Spawner(LibC libc) {
        this.libc = libc;
        this.runtime = Runtime.getRuntime(libc);
        try {
            this.sameSession = attributes(false);
            this.newSession = attributes(true);
            this.inheritStdio = fileActions(Stdio.inherit(), libc.isatty(0) == 1, null);
            this.discardStdio = fileActions(Stdio.discard(), false, null);
        } catch (StartFailedException e) {
            throw new IllegalStateException("Cannot prepare posix_spawn: " + e.getMessage(), e);
        }
        this.environment = new ShimEnvironment(System.getenv());
    }

    /** @return the environment a process of this spec gets, in order, NAME=VALUE each */
    String[] environmentOf(ProcessSpec spec) {
        return environment.of(spec);
    }

    /** Returns the pid of the started child; on failure nothing was started. */
    int spawn(ProcessSpec spec) throws StartFailedException {
        return spawn(spec, null);
    }

    /**
     * Returns the pid of the started child; on failure nothing was started.
     *
     * @param gate a FIFO the child opens before anything else, blocking until it may go on
     *        ({@link CgroupPlacement}); null for none
     */
    int spawn(ProcessSpec spec, String gate) throws StartFailedException {
        String program = spec.argv().get(0);
        Stdio stdio = spec.stdio();
        Pointer actions = gate != null ? fileActions(stdio, stdio.kind() == Stdio.Kind.INHERIT && libc.isatty(0) == 1, gate)
                : switch (stdio.kind()) {
                    case INHERIT -> inheritStdio;
                    case DISCARD -> discardStdio;
                    case CONSOLE, LOG -> fileActions(stdio, false, null);
                };
        try {
            IntByReference pid = new IntByReference();
            int rc = libc.posix_spawnp(pid, program, actions, spec.newSession() ? newSession : sameSession,
                    spec.argv().toArray(String[]::new),
                    environment.of(spec));
            if (rc != 0) {
                throw new StartFailedException(program, rc, "Cannot start " + program + stdioNote(stdio) + ": "
                        + libc.strerror(rc) + " (errno " + rc + ")");
            }
            return pid.intValue();
        } finally {
            if (actions != inheritStdio && actions != discardStdio) {
                libc.posix_spawn_file_actions_destroy(actions);
            }
        }
    }

    @Override
    public void close() {
        libc.posix_spawnattr_destroy(sameSession);
        libc.posix_spawnattr_destroy(newSession);
        libc.posix_spawn_file_actions_destroy(inheritStdio);
        libc.posix_spawn_file_actions_destroy(discardStdio);
    }

    /** Descriptors 3 and up are closed; a console is opened in the child after setsid, so it becomes the controlling terminal. */
    private Pointer fileActions(Stdio stdio, boolean stdinFromNull, String gate) throws StartFailedException {
        String subject = stdio.consolePath().or(stdio::logPath).map(Path::toString).orElse("/dev/null");
        if (stdio.kind() == Stdio.Kind.CONSOLE) {
            requireTerminal(stdio.consolePath().orElseThrow());
        }
        if (stdio.kind() == Stdio.Kind.LOG) {
            OutputFiles.requireSafe(stdio.logPath().orElseThrow());
        }
        Pointer actions = Memory.allocateDirect(runtime, LibC.OPAQUE_SIZE);
        require(libc.posix_spawn_file_actions_init(actions), subject, "posix_spawn_file_actions_init");
        try {
            if (gate != null) {
                require(libc.posix_spawn_file_actions_addopen(actions, CgroupPlacement.CHILD_FD, gate, LibC.O_RDONLY, 0),
                        gate, "addopen");
            }
            switch (stdio.kind()) {
                case DISCARD -> {
                    require(libc.posix_spawn_file_actions_addopen(actions, 0, "/dev/null", LibC.O_RDONLY, 0), subject, "addopen");
                    require(libc.posix_spawn_file_actions_addopen(actions, 1, "/dev/null", LibC.O_WRONLY, 0), subject, "addopen");
                    require(libc.posix_spawn_file_actions_addopen(actions, 2, "/dev/null", LibC.O_WRONLY, 0), subject, "addopen");
                }
                case CONSOLE -> {
                    require(libc.posix_spawn_file_actions_addopen(actions, 0, subject, LibC.O_RDWR, 0), subject, "addopen");
                    require(libc.posix_spawn_file_actions_adddup2(actions, 0, 1), subject, "adddup2");
                    require(libc.posix_spawn_file_actions_adddup2(actions, 0, 2), subject, "adddup2");
                }
                case LOG -> {
                    // opened by the child, by a path that only root (or this user) can change
                    require(libc.posix_spawn_file_actions_addopen(actions, 0, "/dev/null", LibC.O_RDONLY, 0), subject, "addopen");
                    require(libc.posix_spawn_file_actions_addopen(actions, 1, subject, LibC.O_WRONLY | LibC.O_APPEND
                            | LibC.O_CREAT | LibC.O_NOFOLLOW | LibC.O_NOCTTY, OutputFiles.MODE), subject, "addopen");
                    require(libc.posix_spawn_file_actions_adddup2(actions, 1, 2), subject, "adddup2");
                }
                default -> {
                    // INHERIT: the framework's own 0, 1 and 2; no terminal input for a background group
                    if (stdinFromNull) {
                        require(libc.posix_spawn_file_actions_addopen(actions, 0, "/dev/null", LibC.O_RDONLY, 0), subject, "addopen");
                    }
                }
            }
            require(libc.posix_spawn_file_actions_addclosefrom_np(actions, 3), subject, "addclosefrom_np");
            return actions;
        } catch (StartFailedException e) {
            libc.posix_spawn_file_actions_destroy(actions);
            throw e;
        }
    }

    /**
     * A console must be a terminal: a regular file or /dev/null would be accepted by open and leave
     * the shim without the controlling terminal it was promised. Opened without becoming this
     * JVM's controlling terminal and without blocking, then closed.
     */
    void requireTerminal(Path console) throws StartFailedException {
        if (!Files.exists(console)) {
            throw new StartFailedException(console.toString(), LibC.ENOENT, "Console " + console + " does not exist");
        }
        int fd = libc.open(console.toString(), LibC.O_RDWR | LibC.O_NOCTTY | LibC.O_NONBLOCK | LibC.O_CLOEXEC);
        if (fd < 0) {
            int errno = runtime.getLastError();
            throw new StartFailedException(console.toString(), errno, "Cannot open console " + console + ": "
                    + libc.strerror(errno) + " (errno " + errno + ")");
        }
        boolean terminal = libc.isatty(fd) == 1;
        libc.close(fd);
        if (!terminal) {
            throw new StartFailedException(console.toString(), LibC.ENOTTY, "Console " + console
                    + " is not a terminal: give a terminal device, such as a pseudo-terminal's /dev/pts/N");
        }
    }

    private Pointer attributes(boolean setsid) throws StartFailedException {
        Pointer attr = Memory.allocateDirect(runtime, LibC.OPAQUE_SIZE);
        require(libc.posix_spawnattr_init(attr), "posix_spawnattr", "posix_spawnattr_init");
        Pointer none = Memory.allocateDirect(runtime, LibC.OPAQUE_SIZE);
        Pointer all = Memory.allocateDirect(runtime, LibC.OPAQUE_SIZE);
        libc.sigemptyset(none);
        libc.sigfillset(all);
        // sigfillset leaves out glibc's internal signals 32 and 33, and posix_spawn then sets them
        // to SIG_IGN in the child, which exec keeps: put their bits in by hand so they are reset too
        all.putLong(0, all.getLong(0) | GLIBC_INTERNAL_SIGNALS);
        short flags = (short) (LibC.POSIX_SPAWN_SETSIGMASK | LibC.POSIX_SPAWN_SETSIGDEF
                | (setsid ? LibC.POSIX_SPAWN_SETSID : LibC.POSIX_SPAWN_SETPGROUP));
        // a session leader leads its group already; setpgid would fail on it. Group 0: the child's pid.
        require(libc.posix_spawnattr_setflags(attr, flags), "posix_spawnattr", "posix_spawnattr_setflags");
        require(libc.posix_spawnattr_setsigmask(attr, none), "posix_spawnattr", "posix_spawnattr_setsigmask");
        require(libc.posix_spawnattr_setsigdefault(attr, all), "posix_spawnattr", "posix_spawnattr_setsigdefault");
        return attr;
    }

    static String stdioNote(Stdio stdio) {
        return switch (stdio.kind()) {
            case CONSOLE -> " on console " + stdio.consolePath().orElseThrow();
            case LOG -> " with output to " + stdio.logPath().orElseThrow();
            default -> "";
        };
    }

    private void require(int rc, String subject, String call) throws StartFailedException {
        if (rc != 0) {
            throw new StartFailedException(subject, rc, "Cannot prepare a start (" + subject + "): " + call
                    + " failed: " + libc.strerror(rc));
        }
    }
}
