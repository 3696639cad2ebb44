package io.shimhost.api.registry;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import java.util.Objects;

import io.shimhost.api.ExitStatus;
import io.shimhost.api.ShimProcess;

/**
 * One row of the registry's durable table: a shim, the sandbox it serves, and how the registry
 * knows about its process.
 */
public final class ShimRecord {

    /** How the registry knows the shim's process. */
    public enum Supervision {
        /** Recorded before its process is launched; the start is in progress. */
        STARTING,
        /** Started by this registry since the framework started; supervised. */
        STARTED,
        /** Recorded before a restart, found running with the recorded start time; supervised again. */
        ADOPTED,
        /** Recorded as ended (or as having no process); nothing to supervise. */
        ENDED,
        /**
         * Recorded as running, but its pid now names another process: the shim is gone and that
         * pid is never signalled.
         */
        LOST,
        /** Recorded as running; not checked yet because no process service is deployed. */
        UNVERIFIED
    }

    private final ShimProcess shim;
    private final String sandbox;
    private final Supervision supervision;
    private final Path outputLog;
    private final Instant endedAt;
    private final Map<String, String> config;

    /**
     * @param shim the shim's handle
     * @param sandbox the id of the sandbox it was started for
     * @param supervision how the registry knows its process
     */
    public ShimRecord(ShimProcess shim, String sandbox, Supervision supervision) {
        this(shim, sandbox, supervision, null);
    }

    /**
     * @param shim the shim's handle
     * @param sandbox the id of the sandbox it was started for
     * @param supervision how the registry knows its process
     * @param outputLog the file its stdout and stderr go to, or null
     */
    public ShimRecord(ShimProcess shim, String sandbox, Supervision supervision, Path outputLog) {
        this(shim, sandbox, supervision, outputLog, null, Map.of());
    }

    /**
     * @param shim the shim's handle
     * @param sandbox the id of the sandbox it was started for
     * @param supervision how the registry knows its process
     * @param outputLog the file its stdout and stderr go to, or null
     * @param endedAt when the registry learnt that it ended, or null
     * @param config the start's effective configuration of its type, each value as text; copied
     */
    public ShimRecord(ShimProcess shim, String sandbox, Supervision supervision, Path outputLog, Instant endedAt,
            Map<String, String> config) {
        this.shim = Objects.requireNonNull(shim, "shim");
        this.sandbox = Objects.requireNonNull(sandbox, "sandbox");
        this.supervision = Objects.requireNonNull(supervision, "supervision");
        this.outputLog = outputLog;
        this.endedAt = endedAt;
        this.config = Map.copyOf(Objects.requireNonNull(config, "config"));
    }

    /** @return when the registry learnt that the shim ended, or empty while it runs or when not known */
    public Optional<Instant> endedAt() {
        return Optional.ofNullable(endedAt);
    }

    /**
     * @return the configuration of its type the shim was started with, key by key as text (an
     *         array's items joined by commas); empty for a type without configuration, and for
     *         shims recorded before shimhost kept it
     */
    public Map<String, String> config() {
        return config;
    }

    /** @return the shim's handle; for a {@link Supervision#LOST} shim every operation is a no-op */
    public ShimProcess shim() {
        return shim;
    }

    /** @return the id of the sandbox the shim was started for */
    public String sandbox() {
        return sandbox;
    }

    /** @return how the registry knows the shim's process */
    public Supervision supervision() {
        return supervision;
    }

    /**
     * @return the file the shim's stdout and stderr are appended to (rotated to the same name with
     *         {@code .1} appended), or empty when they do not go to a log file
     */
    public Optional<Path> outputLog() {
        return Optional.ofNullable(outputLog);
    }

    /**
     * @return how the shim's process ended ({@link ExitStatus#unknown()} if it ended unseen), or
     *         empty while it runs, when it has none, or while the registry cannot know
     */
    public Optional<ExitStatus> ended() {
        return switch (supervision) {
            case STARTED, ADOPTED, ENDED -> shim.pid() > 0 && !shim.isRunning()
                    ? Optional.of(shim.exitStatus().orElse(ExitStatus.unknown())) : Optional.empty();
            default -> Optional.empty();
        };
    }

    /**
     * @return the shim's state in one word, as scripts and metrics read it: {@code starting},
     *         {@code running}, {@code exited}, {@code killed}, {@code oom-killed} (by the kernel's OOM
     *         killer, at its cgroup's memory limit), {@code no-process}, {@code lost} or
     *         {@code unverified}
     */
    public String state() {
        return switch (supervision) {
            case LOST -> "lost";
            case UNVERIFIED -> "unverified";
            case STARTING -> "starting";
            default -> shim.pid() <= 0 ? "no-process"
                    : ended().map(ShimRecord::endState).orElse("running");
        };
    }

    @Override
    public String toString() {
        return "ShimRecord[" + shim + ", sandbox=" + sandbox + ", " + supervision + "]";
    }

    private static String endState(ExitStatus status) {
        return switch (status.kind()) {
            case KILLED -> "killed";
            case OOM_KILLED -> "oom-killed";
            default -> "exited";
        };
    }
}
