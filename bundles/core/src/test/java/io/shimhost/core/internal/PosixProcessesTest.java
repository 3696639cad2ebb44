package io.shimhost.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import io.shimhost.api.ExitStatus;
import io.shimhost.api.InvalidParameterException;
import io.shimhost.api.ProcessSpec;
import io.shimhost.api.ShimTimeoutException;
import io.shimhost.api.StartFailedException;
import io.shimhost.api.Stdio;
import io.shimhost.api.SupervisedProcess;

/**
 * The process service on real processes: Kata's shim_test.go process cases, and what shimhost
 * adds (pidfd signalling, exit status, clean descriptors and signal state, no stolen statuses).
 */
class PosixProcessesTest {

    private static final Duration PATIENCE = ProcessServiceExtension.PATIENCE;

    @RegisterExtension
    static final ProcessServiceExtension fixture = new ProcessServiceExtension();

    @TempDir
    Path dir;

    private static SupervisedProcess launch(String... argv) throws Exception {
        return fixture.service().launch(ProcessSpec.builder(List.of(argv)).stdio(Stdio.discard()).build());
    }

    private static SupervisedProcess shell(String script) throws Exception {
        return launch("/bin/sh", "-c", script);
    }

    /** A service of its own that launched a sleep (30 s): deactivate it to retire its supervisor. */
    private static SupervisedProcess sleepIn(PosixProcesses service) throws Exception {
        return service.launch(ProcessSpec.builder(List.of("sleep", "30")).stdio(Stdio.discard()).build());
    }

    @Test
    void aRetiredSupervisorKeepsWatchingItsProcessesUntilTheyExit() throws Exception {
        PosixProcesses retiring = ProcessServiceExtension.newService();
        SupervisedProcess sleeper = sleepIn(retiring);

        retiring.deactivate();

        assertThat(retiring.supervisor().thread().isAlive()).isTrue();
        assertThatThrownBy(() -> retiring.launch(ProcessSpec.builder(List.of("true")).build()))
                .isInstanceOf(IllegalStateException.class);
        sleeper.stop();
        assertThat(sleeper.waitFor(PATIENCE)).isEqualTo(ExitStatus.killed(9));
        retiring.supervisor().thread().join(PATIENCE.toMillis());
        assertThat(retiring.supervisor().thread().isAlive()).isFalse();
    }

    /** Found by the re-adoption benchmark: the wake-up that retires it stayed readable and the thread spun. */
    @Test
    void aRetiredSupervisorWaitsForItsProcessesWithoutSpinning() throws Exception {
        PosixProcesses retiring = ProcessServiceExtension.newService();
        SupervisedProcess sleeper = sleepIn(retiring);
        retiring.deactivate();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long thread = retiring.supervisor().thread().getId();
        long before = threads.getThreadCpuTime(thread);

        Thread.sleep(500);

        long usedMillis = (threads.getThreadCpuTime(thread) - before) / 1_000_000;
        sleeper.stop();
        sleeper.waitFor(PATIENCE);
        assertThat(usedMillis).as("CPU time of the retired supervisor over 500 ms of waiting").isLessThan(50);
    }

    @Test
    void theExitCodeIsReported() throws Exception {
        assertThat(shell("exit 3").waitFor(PATIENCE)).isEqualTo(ExitStatus.exited(3));
    }

    @Test
    void theKillingSignalIsReported() throws Exception {
        assertThat(shell("kill -TERM $$").waitFor(PATIENCE)).isEqualTo(ExitStatus.killed(15));
    }

    @Test
    void stopKillsARunningProcessWithSigkill() throws Exception {
        SupervisedProcess sleeper = launch("sleep", "30");
        assertThat(sleeper.isRunning()).isTrue();

        sleeper.stop();

        assertThat(sleeper.waitFor(PATIENCE)).isEqualTo(ExitStatus.killed(9));
        assertThat(sleeper.isRunning()).isFalse();
    }

    @Test
    void stoppingAnExitedProcessIsNoError() throws Exception {
        SupervisedProcess done = launch("true");
        done.waitFor(PATIENCE);

        done.stop();
        done.signal(15);

        assertThat(done.exitStatus()).contains(ExitStatus.exited(0));
    }

    @Test
    void aProcessThatExitedIsNotRunning() throws Exception {
        SupervisedProcess done = launch("true");

        done.waitFor(PATIENCE);

        assertThat(done.isRunning()).isFalse();
    }

    @Test
    void waitingOnAnExitedProcessReturnsItsStatusAgain() throws Exception {
        SupervisedProcess done = shell("exit 4");
        done.waitFor(PATIENCE);

        assertThat(done.waitFor(Duration.ZERO)).isEqualTo(ExitStatus.exited(4));
        assertThat(done.onExit().toCompletableFuture().get()).isEqualTo(ExitStatus.exited(4));
    }

    @Test
    void aWaitThatTimesOutNamesThePidAndTheLimit() throws Exception {
        SupervisedProcess sleeper = launch("sleep", "30");
        try {
            assertThatThrownBy(() -> sleeper.waitFor(Duration.ofMillis(50)))
                    .isInstanceOf(ShimTimeoutException.class)
                    .hasMessageContaining("pid " + sleeper.pid()).hasMessageContaining("50 ms");
        } finally {
            sleeper.stop();
            sleeper.waitFor(PATIENCE);
        }
    }

    @Test
    void anInvalidSignalNumberIsRefused() throws Exception {
        SupervisedProcess sleeper = launch("sleep", "30");
        try {
            assertThatThrownBy(() -> sleeper.signal(0)).isInstanceOf(InvalidParameterException.class)
                    .hasMessageContaining("signal 0");
        } finally {
            sleeper.stop();
            sleeper.waitFor(PATIENCE);
        }
    }

    @Test
    void aMissingBinaryFailsNamingThePathAndTheError() {
        assertThatThrownBy(() -> launch("/no/such/kata-shim"))
                .isInstanceOf(StartFailedException.class)
                .hasMessageContaining("/no/such/kata-shim").hasMessageContaining("No such file");
    }

    @Test
    void aDirectoryIsNoBinary() {
        assertThatThrownBy(() -> launch(dir.toString()))
                .isInstanceOf(StartFailedException.class).hasMessageContaining(dir.toString());
    }

    @Test
    void aFileWithoutExecutePermissionIsNoBinary() throws Exception {
        Path script = Files.writeString(dir.resolve("shim"), "#!/bin/sh\nexit 0\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rw-r--r--"));

        assertThatThrownBy(() -> launch(script.toString()))
                .isInstanceOf(StartFailedException.class).hasMessageContaining(script.toString());
    }

    @Test
    void aMissingConsoleFailsNamingIt() {
        Path console = dir.resolve("no-such-pts");

        assertThatThrownBy(() -> fixture.service().launch(ProcessSpec.builder(List.of("true"))
                .stdio(Stdio.console(console)).newSession(true).build()))
                .isInstanceOf(StartFailedException.class).hasMessageContaining(console.toString());
    }

    @Test
    void aRegularFileIsNoConsole() throws Exception {
        Path file = Files.writeString(dir.resolve("not-a-tty"), "");

        assertThatThrownBy(() -> fixture.service().launch(ProcessSpec.builder(List.of("true"))
                .stdio(Stdio.console(file)).newSession(true).build()))
                .isInstanceOf(StartFailedException.class).hasMessage("Console " + file
                        + " is not a terminal: give a terminal device, such as a pseudo-terminal's /dev/pts/N");
    }

    @Test
    void devNullIsNoConsole() {
        assertThatThrownBy(() -> fixture.service().launch(ProcessSpec.builder(List.of("true"))
                .stdio(Stdio.console(Path.of("/dev/null"))).newSession(true).build()))
                .isInstanceOf(StartFailedException.class).hasMessageContaining("/dev/null is not a terminal");
    }

    @Test
    void theChildLeadsAProcessGroupOfItsOwn() throws Exception {
        SupervisedProcess sleeper = launch("sleep", "30");
        try {
            String stat = Files.readString(Path.of("/proc/" + sleeper.pid() + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            assertThat(Long.parseLong(fields[2])).as("process group").isEqualTo(sleeper.pid());
            assertThat(Long.parseLong(fields[3])).as("session: the framework's").isEqualTo(ownSession());
        } finally {
            sleeper.stop();
            sleeper.waitFor(PATIENCE);
        }
    }

    @Test
    void aStopKillsWhatTheProcessStartedInItsGroup() throws Exception {
        Path child = dir.resolve("child");
        SupervisedProcess parent = shell("sleep 300 & echo $! > " + child + "; wait");
        long grandchild = ProcessServiceExtension.awaitPid(child);

        parent.stop();

        assertThat(parent.waitFor(PATIENCE)).isEqualTo(ExitStatus.killed(9));
        ProcessServiceExtension.awaitGone(grandchild);
    }

    @Test
    void aStopOfAnAdoptedProcessKillsWhatItStartedInItsGroup() throws Exception {
        Path child = dir.resolve("child");
        SupervisedProcess parent = shell("sleep 300 & echo $! > " + child + "; wait");
        long grandchild = ProcessServiceExtension.awaitPid(child);
        PosixProcesses later = ProcessServiceExtension.newService();
        try {
            SupervisedProcess adopted = later.adopt(parent.pid(), later.startTimeOf(parent.pid()).orElseThrow());

            adopted.stop();

            ProcessServiceExtension.awaitGone(grandchild);
            assertThat(parent.waitFor(PATIENCE)).isEqualTo(ExitStatus.killed(9));
        } finally {
            later.deactivate();
        }
    }

    @Test
    void whatAShimSendsToItsGroupReachesNoOtherShim() throws Exception {
        SupervisedProcess bystander = launch("sleep", "30");
        try {
            assertThat(shell("kill -TERM 0").waitFor(PATIENCE)).isEqualTo(ExitStatus.killed(15));
            assertThat(bystander.isRunning()).isTrue();
        } finally {
            bystander.stop();
            bystander.waitFor(PATIENCE);
        }
    }

    private static long ownSession() throws IOException {
        String stat = Files.readString(Path.of("/proc/self/stat"));
        return Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[3]);
    }

    @Test
    void theChildGetsDescriptorsZeroOneAndTwoOnly() throws Exception {
        SupervisedProcess sleeper = launch("sleep", "30");
        awaitSleeping(sleeper.pid()); // while ld.so loads libraries it holds them open for a moment
        try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(sleeper.pid()), "fd"))) {
            assertThat(fds.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("0", "1", "2");
        } finally {
            sleeper.stop();
            sleeper.waitFor(PATIENCE);
        }
    }

    @Test
    void theChildStartsWithNoBlockedAndNoIgnoredSignals() throws Exception {
        Path out = dir.resolve("status");

        // exec: the launched process reads its own status; a shell blocks every signal for a moment
        // while it forks, which a child reading the shell's status can catch
        shell("exec grep -E '^Sig(Blk|Ign):' /proc/self/status > " + out).waitFor(PATIENCE);

        assertThat(Files.readAllLines(out)).containsExactly("SigBlk:\t0000000000000000", "SigIgn:\t0000000000000000");
    }

    @Test
    void argvReachesTheChildElementByElement() throws Exception {
        Path out = dir.resolve("argv");

        launch("/bin/sh", "-c", "for a in \"$@\"; do echo \"[$a]\"; done > " + out, "sh", "a b", "", "-x")
                .waitFor(PATIENCE);

        assertThat(Files.readAllLines(out)).containsExactly("[a b]", "[]", "[-x]");
    }

    @Test
    void aGivenEnvironmentReplacesTheFrameworks() throws Exception {
        Path out = dir.resolve("env");

        fixture.service().launch(ProcessSpec.builder(List.of("/bin/sh", "-c", "env > " + out))
                .environment(Map.of("ONLY", "this", "PATH", "/usr/bin:/bin")).stdio(Stdio.discard()).build())
                .waitFor(PATIENCE);

        assertThat(Files.readAllLines(out)).contains("ONLY=this").noneMatch(l -> l.startsWith("HOME="));
    }

    @Test
    void aProcessBuilderChildInTheSameJvmStillGetsItsOwnExitCode() throws Exception {
        List<SupervisedProcess> ours = new ArrayList<>();
        List<Process> theirs = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            theirs.add(new ProcessBuilder("/bin/sh", "-c", "sleep 0.0" + i + "; exit " + (20 + i)).start());
            ours.add(shell("sleep 0.0" + i + "; exit " + (40 + i)));
        }
        for (int i = 0; i < 10; i++) {
            assertThat(theirs.get(i).waitFor()).isEqualTo(20 + i);
            assertThat(ours.get(i).waitFor(PATIENCE)).isEqualTo(ExitStatus.exited(40 + i));
        }
    }

    @Test
    void twoHundredConcurrentStartsAndStopsLeaveNoZombieNoPidfdAndNoExtraThread() throws Exception {
        Set<String> fdsBefore = openDescriptors();
        int threadsBefore = Thread.activeCount();
        ExecutorService starters = Executors.newFixedThreadPool(8);
        List<Future<SupervisedProcess>> started = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            started.add(starters.submit(() -> launch("sleep", "30")));
        }
        List<SupervisedProcess> all = new ArrayList<>();
        for (Future<SupervisedProcess> f : started) {
            all.add(f.get());
        }
        for (SupervisedProcess p : all) {
            p.stop();
        }
        for (SupervisedProcess p : all) {
            assertThat(p.waitFor(PATIENCE)).isEqualTo(ExitStatus.killed(9));
        }
        starters.shutdown();
        starters.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS);

        assertThat(zombieChildren()).isEmpty();
        assertThat(fixture.service().supervisor().watchedCount()).isZero();
        assertThat(openDescriptors()).isEqualTo(fdsBefore);
        assertThat(Thread.activeCount()).isLessThanOrEqualTo(threadsBefore);
    }

    /** Waits until the process is asleep in its own code (state S), past exec and the dynamic loader. */
    private static void awaitSleeping(long pid) throws Exception {
        Path stat = Path.of("/proc/" + pid + "/stat");
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (true) {
            String s = Files.readString(stat);
            if (s.substring(s.lastIndexOf(')') + 2).startsWith("S") && s.contains("(sleep)")) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("pid " + pid + " not asleep within " + PATIENCE + ": " + s);
            }
            Thread.sleep(5);
        }
    }

    private static Set<String> openDescriptors() throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            // "?": closed while being listed, by the listing itself or a thread in passing: no leak
            return fds.map(p -> p.getFileName() + "->" + target(p)).filter(s -> !s.contains("/proc/") && !s.endsWith("?"))
                    .collect(Collectors.toSet());
        }
    }

    private static String target(Path link) {
        try {
            return Files.readSymbolicLink(link).toString();
        } catch (IOException e) {
            return "?";
        }
    }

    /** Children of this JVM in state Z. */
    private static List<String> zombieChildren() throws IOException {
        long self = ProcessHandle.current().pid();
        List<String> zombies = new ArrayList<>();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path proc : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                String stat;
                try {
                    stat = Files.readString(proc.resolve("stat"));
                } catch (IOException gone) {
                    continue;
                }
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                if (fields[0].equals("Z") && Long.parseLong(fields[1]) == self) {
                    zombies.add(stat);
                }
            }
        }
        return zombies;
    }
}
