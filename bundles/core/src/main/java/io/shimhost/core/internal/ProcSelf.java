package io.shimhost.core.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What /proc says of this JVM: its pidfds, the namespaces of each of its threads, its children.
 * A file that vanishes while read (a thread or process ending) is skipped.
 */
final class ProcSelf {

    /** A child process of the JVM, as /proc/PID/stat gives it. */
    record Child(long pid, char state, String command) {
    }

    private static final Path SELF = Path.of("/proc/self");

    private ProcSelf() {
    }

    /** @return the number of pidfds per pid they refer to */
    static Map<Long, Integer> pidfds() {
        Map<Long, Integer> counts = new HashMap<>();
        try (Stream<Path> fds = Files.list(SELF.resolve("fd"))) {
            for (Path fd : fds.toList()) {
                try {
                    if (Files.readSymbolicLink(fd).toString().equals("anon_inode:[pidfd]")) {
                        for (String line : Files.readAllLines(SELF.resolve("fdinfo").resolve(fd.getFileName()))) {
                            if (line.startsWith("Pid:")) {
                                counts.merge(Long.parseLong(line.substring(4).strip()), 1, Integer::sum);
                            }
                        }
                    }
                } catch (IOException | NumberFormatException e) {
                    // closed meanwhile
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot list /proc/self/fd: " + e.getMessage(), e);
        }
        return counts;
    }

    /** @return one line per thread whose namespace of some type differs from the process's */
    static List<String> threadsOutsideTheirNamespaces() {
        List<String> problems = new ArrayList<>();
        Map<String, Path> own = new HashMap<>();
        try (Stream<Path> types = Files.list(SELF.resolve("ns"))) {
            types.forEach(t -> own.put(t.getFileName().toString(), t));
        } catch (IOException e) {
            return List.of("cannot list /proc/self/ns: " + e.getMessage());
        }
        try (Stream<Path> tasks = Files.list(SELF.resolve("task"))) {
            for (Path task : tasks.toList()) {
                for (Map.Entry<String, Path> type : own.entrySet()) {
                    differs(task, type.getKey(), type.getValue()).ifPresent(problems::add);
                }
            }
        } catch (IOException e) {
            return List.of("cannot list /proc/self/task: " + e.getMessage());
        }
        return problems;
    }

    private static Optional<String> differs(Path task, String type, Path own) {
        try {
            String theirs = Files.readSymbolicLink(task.resolve("ns").resolve(type)).toString();
            String ours = Files.readSymbolicLink(own).toString();
            if (!theirs.equals(ours)) {
                String name = Files.readString(task.resolve("comm")).strip();
                return Optional.of("thread " + task.getFileName() + " (" + name + ") is in " + theirs
                        + ", not the framework's " + ours);
            }
        } catch (IOException e) {
            // the thread ended meanwhile, or the type is not there for threads
        }
        return Optional.empty();
    }

    /** @return the JVM's children, from every /proc/PID/stat whose parent is this process */
    static List<Child> children() {
        long self = ProcessHandle.current().pid();
        List<Child> children = new ArrayList<>();
        try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
            for (Path entry : entries.toList()) {
                String name = entry.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                try {
                    String stat = Files.readString(entry.resolve("stat"));
                    int close = stat.lastIndexOf(')');
                    String[] fields = stat.substring(close + 2).split(" ");
                    if (Long.parseLong(fields[1]) == self) {
                        children.add(new Child(Long.parseLong(name), fields[0].charAt(0),
                                stat.substring(stat.indexOf('(') + 1, close)));
                    }
                } catch (IOException | RuntimeException e) {
                    // gone meanwhile
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot list /proc: " + e.getMessage(), e);
        }
        return children;
    }
}
