package io.shimhost.api;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Launches processes and supervises them until they exit. Provided by the core bundle, the only
 * part of shimhost that touches the operating system; shim bundles launch through it.
 */
@ProviderType
public interface ProcessService {

    /**
     * Launches a process. The child receives descriptors 0, 1 and 2 only, an empty signal mask
     * and default signal dispositions.
     *
     * @param spec what to launch and how
     * @return the supervised process
     * @throws StartFailedException if the binary or console is missing or cannot be used
     * @throws NamespaceException if a namespace cannot be created or entered
     * @throws ShimException for any other failure; nothing is left running
     */
    SupervisedProcess launch(ProcessSpec spec) throws ShimException;

    /**
     * Checks and resolves a spec as {@link #launch(ProcessSpec)} would, and launches nothing: the
     * program found, the whole environment, the stdio, the session, the namespaces to create and
     * the inodes of those to enter. What would refuse the launch refuses the plan, with the same
     * exception and message (short of what only the kernel decides at the spawn).
     *
     * @param spec what to launch and how
     * @return the plan
     * @throws StartFailedException if the binary or console is missing or cannot be used
     * @throws NamespaceException if a namespace to enter cannot be used, or the namespaces are inconsistent
     * @throws ShimException for any other refusal
     */
    ProcessPlan plan(ProcessSpec spec) throws ShimException;

    /**
     * Opens a new pseudo-terminal, whose slave device can be given to a shim as its console.
     *
     * @return the pseudo-terminal; close it when done
     * @throws ShimException if the system has no pseudo-terminal to give
     */
    PseudoTerminal openPseudoTerminal() throws ShimException;

    /**
     * Returns what identifies a process beyond its pid, which the kernel reuses: its start time,
     * in clock ticks since boot ({@code /proc/PID/stat}, field 22). Record it with the pid to
     * {@link #adopt(long, long) adopt} the process later.
     *
     * @param pid the process
     * @return the start time, or empty if there is no such process
     */
    java.util.OptionalLong startTimeOf(long pid);

    /**
     * Reads what a running process looks like ({@link ProcessView}), if it is still the process
     * recorded: its start time must match, so that a recycled pid shows nothing.
     *
     * @param pid the process
     * @param startTime its start time as {@link #startTimeOf(long)} gave it
     * @return the view; empty when the process has ended, is another one now, or cannot be read
     */
    java.util.Optional<ProcessView> inspect(long pid, long startTime);

    /**
     * Reads what a running process uses ({@link ProcessUsage}), if it is still the process
     * recorded: its start time must match, so that a recycled pid shows nothing.
     *
     * @param pid the process
     * @param startTime its start time as {@link #startTimeOf(long)} gave it
     * @return the usage; empty when the process has ended, is another one now, or cannot be read
     */
    java.util.Optional<ProcessUsage> usage(long pid, long startTime);

    /**
     * Returns what identifies the machine's current boot ({@code /proc/sys/kernel/random/boot_id}):
     * start times count from boot, so a pid and start time recorded in another boot say nothing
     * about the processes of this one.
     *
     * @return the boot id; empty if the system does not tell it
     */
    String bootId();

    /**
     * Supervises a running process that this process service did not start (say, one started
     * before the framework restarted), if it is still the same process: its start time must match.
     * Its exit is noticed; its exit status is not this JVM's to collect, so it is
     * {@link ExitStatus#unknown()}. A process this service supervises already (one it launched) is
     * returned as it is, with its real exit status.
     *
     * @param pid the process
     * @param startTime its start time as {@link #startTimeOf(long)} gave it when it was recorded
     * @return the supervised process
     * @throws ShimException if there is no such process, or the pid now belongs to another process
     *         (a different start time): that pid is never signalled
     */
    SupervisedProcess adopt(long pid, long startTime) throws ShimException;

    /**
     * Finds and supervises the processes launched with these {@link ProcessSpec#launchId() launch ids}
     * that still run: each the process that was launched, not a child of it. This is how a start
     * recorded before its spawn is found after the framework died before it learned the pid. Like
     * {@link #adopt(long, long)}, the exit status of a process this service did not start is
     * {@link ExitStatus#unknown()}; one it supervises already is returned as it is.
     *
     * @param launchIds the launch ids to look for
     * @return the processes found, by launch id; an id without a running process is absent
     */
    java.util.Map<String, SupervisedProcess> adoptLaunched(java.util.Set<String> launchIds);

    /**
     * Returns the framework's own namespaces, to tell which of a process's namespaces are its own.
     *
     * @return the inode of each namespace type, as {@link SupervisedProcess#namespaces()} gives them
     */
    java.util.Map<NamespaceType, Long> hostNamespaces();

    /**
     * Counts the pidfds this JVM holds, by the pid each refers to: every process supervised here,
     * by this service or an earlier one still watching what it started, holds exactly one.
     *
     * @return the number of pidfds per pid
     */
    java.util.Map<Long, Integer> pidfds();
}
