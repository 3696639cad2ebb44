package io.shimhost.api.registry;

/**
 * The OSGi Event Admin events the registry posts, one per step of a shim's life and per shim type
 * coming or going, in the order they happened. The topic is {@link #TOPIC_PREFIX} followed by the
 * event's name; subscribe to {@link #ALL_TOPICS} to follow them all. Every event carries
 * {@link #EVENT} and {@code timestamp} (milliseconds since the epoch, as
 * {@code org.osgi.service.event.EventConstants.TIMESTAMP}); shim events carry the shim's
 * {@link #ID}, {@link #TYPE}, {@link #CONTAINER}, {@link #SANDBOX} and {@link #PID}; an
 * {@code exited} event carries {@link #EXIT_CODE} or {@link #SIGNAL} when its status is known; type
 * events carry {@link #TYPE} only; every event carries its {@link #SEQUENCE}.
 */
public final class ShimEvents {

    /** Every topic starts with this. */
    public static final String TOPIC_PREFIX = "io/shimhost/shim/";
    /** The topic filter that matches every event of the registry. */
    public static final String ALL_TOPICS = TOPIC_PREFIX + "*";

    /** A shim was started and recorded. */
    public static final String STARTED = "started";
    /** A supervised shim exited, or was found ended at adoption; with its exit code or signal when known. */
    public static final String EXITED = "exited";
    /** A shim recorded before a restart was found running and is supervised again. */
    public static final String ADOPTED = "adopted";
    /** A shim recorded as running was found with its pid taken by another process; it is never signalled. */
    public static final String LOST = "lost";
    /** The record of an ended shim was removed from the table. */
    public static final String FORGOTTEN = "forgotten";
    /** A shim type can now be started. */
    public static final String TYPE_DEPLOYED = "type-deployed";
    /** A shim type can no longer be started. */
    public static final String TYPE_WITHDRAWN = "type-withdrawn";

    /** Property: the event's name (String), the last part of its topic. */
    public static final String EVENT = "event";
    /** Property: the shim's id, its token (String). */
    public static final String ID = "shim.id";
    /** Property: the shim type (String). */
    public static final String TYPE = "shim.type";
    /** Property: the container id (String, empty for a sandbox's shim). */
    public static final String CONTAINER = "shim.container";
    /** Property: the id of the sandbox the shim serves (String). */
    public static final String SANDBOX = "shim.sandbox";
    /** Property: the shim's pid (Long; 0 or -1 for a shim without a process). */
    public static final String PID = "shim.pid";
    /** Property of an {@code exited} event: the exit code (Integer), when the shim exited. */
    public static final String EXIT_CODE = "shim.exit.code";
    /** Property of an {@code exited} event: the number of the signal that killed the shim (Integer). */
    public static final String SIGNAL = "shim.signal";
    /** Property of an {@code exited} event: why the shim ended, when the kernel says ({@value #OOM_KILLED}; String). */
    public static final String REASON = "shim.exit.reason";
    /** The {@link #REASON} of a shim the OOM killer killed at its cgroup's memory limit. */
    public static final String OOM_KILLED = "oom-killed";
    /**
     * Property: the event's place in the order the registry posted its events since it started
     * (Long, one more for each event), by which a reader that replays the
     * {@link ShimEventHistory history} and follows new events tells one from the other.
     */
    public static final String SEQUENCE = "shim.sequence";

    private ShimEvents() {
    }

    /**
     * @param event an event's name, such as {@link #EXITED}
     * @return its topic
     */
    public static String topic(String event) {
        return TOPIC_PREFIX + event;
    }
}
