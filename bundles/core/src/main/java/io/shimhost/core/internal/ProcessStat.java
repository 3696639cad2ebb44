package io.shimhost.core.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.OptionalLong;

/** Reads a process's start time from /proc: clock ticks since boot (field 22 of /proc/PID/stat). */
final class ProcessStat {

    /** USER_HZ: the unit of /proc/PID/stat times, 100 on Linux. */
    private static final long TICKS_PER_SECOND = 100;
    /** Field 22 is the 20th after the command name, whose parentheses may hold spaces. */
    private static final int START_TIME_AFTER_NAME = 19;
    /** Field 5, the process group, is the 3rd after the name (state, ppid, pgrp). */
    private static final int GROUP_AFTER_NAME = 2;
    /** A stat line has 52 numbers after a name of at most 64 bytes: 4 KiB is plenty. */
    private static final int STAT_BUFFER = 4096;

    private ProcessStat() {
    }

    static OptionalLong startTime(long pid) {
        return field(pid, START_TIME_AFTER_NAME);
    }

    /** The process group (field 5 of /proc/PID/stat). */
    static OptionalLong processGroup(long pid) {
        return field(pid, GROUP_AFTER_NAME);
    }

    private static OptionalLong field(long pid, int afterName) {
        try {
            return OptionalLong.of(Long.parseLong(fields(pid)[afterName]));
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    /**
     * @return the fields of /proc/PID/stat after the command name: index 0 is field 3 (state)
     * @throws IOException if there is no such process
     */
    static String[] fields(long pid) throws IOException {
        String stat = read(Path.of("/proc", Long.toString(pid), "stat"));
        return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    }

    /** @return a time in clock ticks as a duration */
    static java.time.Duration ticks(long ticks) {
        return java.time.Duration.ofMillis(ticks * 1000 / TICKS_PER_SECOND);
    }

    /**
     * One read into a buffer that holds any stat line: procfs reports a size of 0, so
     * Files.readString would grow its buffer step by step, which adoption pays a thousand times.
     */
    private static String read(Path stat) throws IOException {
        byte[] buffer = new byte[STAT_BUFFER];
        try (InputStream in = Files.newInputStream(stat)) {
            int length = in.readNBytes(buffer, 0, buffer.length);
            return new String(buffer, 0, length, StandardCharsets.US_ASCII);
        }
    }

    /** The wall-clock instant of a start time, given the boot time. */
    static Instant instant(long startTicks, long bootSeconds) {
        return Instant.ofEpochSecond(bootSeconds).plusMillis(startTicks * 1000 / TICKS_PER_SECOND);
    }

    /** The boot time in seconds since the epoch, from the btime line of /proc/stat; 0 if unreadable. */
    static long bootSeconds() {
        try {
            return Files.readAllLines(Path.of("/proc/stat")).stream().filter(l -> l.startsWith("btime "))
                    .mapToLong(l -> Long.parseLong(l.substring(6).strip())).findFirst().orElse(0);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** The boot id from /proc/sys/kernel/random/boot_id; empty if unreadable. */
    static String bootId() {
        try {
            return Files.readString(Path.of("/proc/sys/kernel/random/boot_id")).strip();
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }
}
