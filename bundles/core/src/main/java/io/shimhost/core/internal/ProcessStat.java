package io.shimhost.core.internal;

import java.io.IOException;
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

    private ProcessStat() {
    }

    static OptionalLong startTime(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return OptionalLong.of(Long.parseLong(fields[START_TIME_AFTER_NAME]));
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    /** The wall-clock instant of a start time, from the boot time in /proc/stat. */
    static Instant instant(long startTicks) {
        try {
            long bootSeconds = Files.readAllLines(Path.of("/proc/stat")).stream().filter(l -> l.startsWith("btime "))
                    .mapToLong(l -> Long.parseLong(l.substring(6).strip())).findFirst().orElse(0);
            return Instant.ofEpochSecond(bootSeconds).plusMillis(startTicks * 1000 / TICKS_PER_SECOND);
        } catch (IOException | RuntimeException e) {
            return Instant.now();
        }
    }
}
