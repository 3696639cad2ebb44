package io.shimhost.api;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The limits a shim's own cgroup enforces; 0 means no limit of that kind.
 *
 * @param memoryBytes the most memory the shim and everything it starts may use, in bytes
 *        ({@code memory.max} on cgroup v2, {@code memory.limit_in_bytes} on v1)
 * @param pids the most processes and threads they may have at once ({@code pids.max})
 * @param cpuWeight their share of CPU time under contention, 1 to 10000, 100 being the default
 *        ({@code cpu.weight} on v2; {@code cpu.shares} = weight × 1024 / 100 on v1, as systemd maps it)
 */
public record ResourceLimits(long memoryBytes, long pids, int cpuWeight) {

    /** The highest CPU weight cgroup v2 accepts. */
    public static final int MAX_CPU_WEIGHT = 10_000;
    /** The least memory limit taken: below one page a shim could not even be started. */
    public static final long MIN_MEMORY_BYTES = 4096;

    private static final ResourceLimits NONE = new ResourceLimits(0, 0, 0);
    private static final Pattern SIZE = Pattern.compile("([0-9]{1,19})([KMGT]?)(?:I?B)?");

    /** @throws IllegalArgumentException if a value is out of its range */
    public ResourceLimits {
        if (memoryBytes < 0 || memoryBytes > 0 && memoryBytes < MIN_MEMORY_BYTES || pids < 0 || cpuWeight < 0
                || cpuWeight > MAX_CPU_WEIGHT) {
            throw new IllegalArgumentException("No limits are memory " + memoryBytes + ", pids " + pids
                    + ", CPU weight " + cpuWeight);
        }
    }

    /** @return no limits at all */
    public static ResourceLimits none() {
        return NONE;
    }

    /** @return whether no limit is set */
    public boolean isEmpty() {
        return memoryBytes == 0 && pids == 0 && cpuWeight == 0;
    }

    /**
     * @param other limits that take precedence where they are set
     * @return these limits with each of the other's set ones in place of this one's
     */
    public ResourceLimits overriddenBy(ResourceLimits other) {
        return new ResourceLimits(other.memoryBytes != 0 ? other.memoryBytes : memoryBytes,
                other.pids != 0 ? other.pids : pids, other.cpuWeight != 0 ? other.cpuWeight : cpuWeight);
    }

    /**
     * Reads a memory size: bytes, or a number with K, M, G or T (powers of 1024, as systemd's
     * {@code MemoryMax=} reads them), optionally followed by {@code B} or {@code iB}.
     *
     * @param parameter the option or key it came from, named in the error
     * @param text the size; empty for no limit
     * @return the bytes, 0 for no limit
     * @throws InvalidParameterException if it is no such size, or less than {@value #MIN_MEMORY_BYTES} bytes
     */
    public static long parseMemory(String parameter, String text) throws InvalidParameterException {
        String t = text == null ? "" : text.trim();
        if (t.isEmpty()) {
            return 0;
        }
        Matcher m = SIZE.matcher(t.toUpperCase(Locale.ROOT));
        if (m.matches()) {
            try {
                long number = Long.parseLong(m.group(1));
                long bytes = m.group(2).isEmpty() ? number
                        : Math.multiplyExact(number, 1L << (10 * ("KMGT".indexOf(m.group(2)) + 1)));
                if (bytes >= MIN_MEMORY_BYTES) {
                    return bytes;
                }
            } catch (ArithmeticException | NumberFormatException e) {
                // too large: refused below
            }
        }
        throw new InvalidParameterException(parameter, text, "Invalid " + parameter + " \"" + text
                + "\": give bytes or a size with K, M, G or T (such as 512M), at least " + MIN_MEMORY_BYTES + " bytes");
    }

    /**
     * @param parameter the option or key it came from, named in the error
     * @param value the most processes, 0 for no limit
     * @return the value
     * @throws InvalidParameterException if it is negative
     */
    public static long checkPids(String parameter, long value) throws InvalidParameterException {
        if (value < 0) {
            throw new InvalidParameterException(parameter, value, "Invalid " + parameter + " " + value
                    + ": give the most processes the shim may have, 1 or more (0 for no limit)");
        }
        return value;
    }

    /**
     * @param parameter the option or key it came from, named in the error
     * @param value the CPU weight, 0 for none
     * @return the value
     * @throws InvalidParameterException if it is not 0 to {@value #MAX_CPU_WEIGHT}
     */
    public static int checkCpuWeight(String parameter, long value) throws InvalidParameterException {
        if (value < 0 || value > MAX_CPU_WEIGHT) {
            throw new InvalidParameterException(parameter, value, "Invalid " + parameter + " " + value
                    + ": a CPU weight is 1 to " + MAX_CPU_WEIGHT + ", 100 being the default (0 for none)");
        }
        return (int) value;
    }

    /**
     * @param parameter the option or field it came from, named in the error
     * @param text the most processes as a whole number; empty or null for no limit
     * @return the number, 0 for no limit
     * @throws InvalidParameterException if it is not a whole number, 0 or more
     */
    public static long parsePids(String parameter, String text) throws InvalidParameterException {
        return checkPids(parameter, whole(parameter, text, "the most processes the shim may have, 1 or more"));
    }

    /**
     * @param parameter the option or field it came from, named in the error
     * @param text the CPU weight as a whole number; empty or null for none
     * @return the weight, 0 for none
     * @throws InvalidParameterException if it is not 0 to {@value #MAX_CPU_WEIGHT}
     */
    public static int parseCpuWeight(String parameter, String text) throws InvalidParameterException {
        return checkCpuWeight(parameter, whole(parameter, text, "a CPU weight, 1 to " + MAX_CPU_WEIGHT));
    }

    private static long whole(String parameter, String text, String expected) throws InvalidParameterException {
        String t = text == null ? "" : text.trim();
        if (t.isEmpty()) {
            return 0;
        }
        try {
            return Long.parseLong(t);
        } catch (NumberFormatException e) {
            throw new InvalidParameterException(parameter, text, "Invalid " + parameter + " \"" + text + "\": give "
                    + expected + " (0 for none)");
        }
    }

    /** Returns the set limits as {@code memory=BYTES pids=N cpu-weight=N}, or {@code none}. */
    @Override
    public String toString() {
        if (isEmpty()) {
            return "none";
        }
        StringBuilder s = new StringBuilder();
        if (memoryBytes != 0) {
            s.append("memory=").append(memoryBytes);
        }
        if (pids != 0) {
            s.append(s.length() > 0 ? " " : "").append("pids=").append(pids);
        }
        if (cpuWeight != 0) {
            s.append(s.length() > 0 ? " " : "").append("cpu-weight=").append(cpuWeight);
        }
        return s.toString();
    }
}
