package io.shimhost.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.shimhost.api.ProcessSpec;
import io.shimhost.api.Stdio;
import io.shimhost.api.SupervisedProcess;

class SpawnThreadTest {

    /**
     * The size of the spawning thread's descriptor table. Found by its id, not by its name: a thread it has just
     * started bears its name ({@code comm}) until the JVM renames it.
     */
    private static long descriptorsOfTheSpawningThread(PosixProcesses processes) throws Exception {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/task", Long.toString(processes.spawningThreadId()), "fd"))) {
            return fds.count();
        }
    }

    private static long jvmDescriptors() throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        }
    }

    @Test
    void theSpawningThreadsTableDoesNotGrowWithThePidfdsOfTheShimsSupervised() throws Exception {
        PosixProcesses processes = ProcessServiceExtension.newService();
        List<SupervisedProcess> sleeps = new ArrayList<>();
        try {
            long before = descriptorsOfTheSpawningThread(processes);
            long jvmBefore = jvmDescriptors();
            for (int i = 0; i < 100; i++) {
                sleeps.add(processes.launch(ProcessSpec.builder(List.of("sleep", "60")).stdio(Stdio.discard()).build()));
            }

            assertThat(jvmDescriptors()).as("one pidfd a process, in the JVM's table").isGreaterThanOrEqualTo(jvmBefore + 100);
            assertThat(descriptorsOfTheSpawningThread(processes)).isEqualTo(before);
        } finally {
            for (SupervisedProcess sleep : sleeps) {
                sleep.stop();
                sleep.waitFor();
            }
            processes.deactivate();
        }
    }

    @Test
    void aThreadStartedByTheSpawningThreadForANamespacedLaunchSharesItsTableNotTheJvms() throws Exception {
        List<FileChannel> opened = new ArrayList<>();
        try (SpawnThread spawning = new SpawnThread(ProcessServiceExtension.libc())) {
            for (int i = 0; i < 100; i++) {
                opened.add(FileChannel.open(Path.of("/dev/null")));
            }
            long jvm = jvmDescriptors();
            long launchThread = spawning.run(SpawnThreadTest::descriptorsOfAThreadStartedHere);

            assertThat(launchThread).as("the JVM's table has " + jvm).isLessThan(jvm - 90);
        } finally {
            for (FileChannel channel : opened) {
                channel.close();
            }
        }
    }

    /** As NamespacedLaunch starts its thread: the count of that thread's descriptor table. */
    private static long descriptorsOfAThreadStartedHere() {
        AtomicLong count = new AtomicLong();
        Thread launch = new Thread(() -> {
            try (Stream<Path> fds = Files.list(Path.of("/proc/thread-self/fd"))) {
                count.set(fds.count());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        launch.start();
        try {
            launch.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return count.get();
    }
}
