package io.shimhost.jmx;

/** {@code io.shimhost:type=Shim,id=ID}: one shim of the table, and what an operator does to it. */
public interface ShimMXBean {

    /** The domain and type of every shim's MBean name; the id is the key {@code id}, quoted where needed. */
    String OBJECT_NAME_PREFIX = "io.shimhost:type=Shim,id=";

    /** @return its id (token) */
    String getId();

    /** @return its type */
    String getType();

    /** @return its container */
    String getContainer();

    /** @return its sandbox */
    String getSandbox();

    /** @return its pid, 0 or -1 for none */
    long getPid();

    /** @return its state, as {@code shim:ps --format json} names it */
    String getState();

    /** @return when it started, ISO-8601 */
    String getStarted();

    /** @return its cgroup, or empty in the framework's */
    String getCgroup();

    /**
     * Sends a signal, as {@code shim:signal}.
     *
     * @param signal a name ({@code TERM}, {@code SIGTERM}) or a number
     * @return what was done, as {@code shim:signal} says it
     * @throws IllegalArgumentException naming the signal or the reason it was not sent
     */
    String signal(String signal);

    /**
     * Kills it and what it started, as {@code shim:stop} without a timeout (Kata's SIGKILL).
     *
     * @return what was done
     * @throws IllegalArgumentException when it could not be stopped, saying why
     */
    String stop();

    /**
     * Removes its record once it has ended, as {@code shim:forget}.
     *
     * @return what was done
     * @throws IllegalArgumentException while it runs
     */
    String forget();
}
