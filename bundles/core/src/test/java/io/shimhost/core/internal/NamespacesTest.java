package io.shimhost.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.shimhost.api.ExitStatus;
import io.shimhost.api.NamespaceException;
import io.shimhost.api.NamespaceRef;
import io.shimhost.api.NamespaceType;
import io.shimhost.api.ProcessSpec;
import io.shimhost.api.Stdio;
import io.shimhost.api.SupervisedProcess;

/**
 * Starts in new and existing namespaces, for real (root): Kata's nsenter_test.go cases, every
 * type alone and together, mount namespaces, and the JVM's own threads never moving.
 */
class NamespacesTest {

    private static final Pattern LAUNCH_DESCRIPTOR = Pattern.compile("(cgroup|ipc|mnt|net|pid|time|user|uts)(_for_children)?:\\[\\d+\\]|anon_inode:\\[pidfd\\]");

    private static final Duration PATIENCE = ProcessServiceExtension.PATIENCE;
    /** The JVM's own net namespace: always there to enter (pid 1's may be closed to us). */
    private static final Path OWN_NET = Path.of("/proc/" + ProcessHandle.current().pid() + "/ns/net");

    @RegisterExtension
    static final ProcessServiceExtension fixture = new ProcessServiceExtension();

    @TempDir
    Path dir;

    @BeforeAll
    static void root() {
        assumeTrue("root".equals(System.getProperty("user.name")), "namespaces need root; CI runs as root");
    }

    private static ProcessSpec.Builder spec(String... argv) throws Exception {
        return ProcessSpec.builder(List.of(argv)).stdio(Stdio.discard());
    }

    private static SupervisedProcess launch(ProcessSpec.Builder spec) throws Exception {
        return fixture.service().launch(spec.build());
    }

    private static void end(SupervisedProcess... processes) throws Exception {
        for (SupervisedProcess p : processes) {
            p.stop();
        }
        for (SupervisedProcess p : processes) {
            p.waitFor(PATIENCE);
        }
    }

    /** The types whose namespace differs from the framework's. */
    private static Set<NamespaceType> differing(SupervisedProcess p) {
        Map<NamespaceType, Long> host = fixture.service().hostNamespaces();
        Map<NamespaceType, Long> own = p.namespaces();
        assertThat(own.keySet()).isEqualTo(host.keySet());
        return own.keySet().stream().filter(t -> !own.get(t).equals(host.get(t)))
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(NamespaceType.class)));
    }

    @ParameterizedTest
    @EnumSource(NamespaceType.class)
    void eachTypeAloneGivesANewNamespaceOfThatTypeOnly(NamespaceType type) throws Exception {
        SupervisedProcess sleeper = launch(spec("sleep", "30").createNamespace(type));
        try {
            assertThat(differing(sleeper)).containsExactly(type);
        } finally {
            end(sleeper);
        }
    }

    @Test
    void allTypesTogetherGiveNewNamespacesOfEveryType() throws Exception {
        ProcessSpec.Builder spec = spec("sleep", "30");
        EnumSet.allOf(NamespaceType.class).forEach(spec::createNamespace);
        SupervisedProcess sleeper = launch(spec);
        try {
            assertThat(differing(sleeper)).isEqualTo(EnumSet.allOf(NamespaceType.class));
        } finally {
            end(sleeper);
        }
    }

    @Test
    void inANewPidNamespaceTheChildIsPidOneAndTheReportedPidIsItsHostPid() throws Exception {
        Path out = dir.resolve("pid");
        SupervisedProcess child = launch(spec("/bin/sh", "-c", "echo $$ > " + out + ".tmp && mv " + out + ".tmp " + out
                + "; exec sleep 30")
                .createNamespace(NamespaceType.PID));
        try {
            awaitFile(out);
            assertThat(Files.readString(out).strip()).isEqualTo("1");
            String nspid = Files.readAllLines(Path.of("/proc/" + child.pid() + "/status")).stream()
                    .filter(l -> l.startsWith("NSpid:")).findFirst().orElseThrow();
            assertThat(nspid.split("\\s+")).containsExactly("NSpid:", Long.toString(child.pid()), "1");
        } finally {
            end(child);
        }
    }

    @Test
    void enteringAnEmptyListStartsInTheFrameworksNamespaces() throws Exception {
        SupervisedProcess sleeper = launch(spec("sleep", "30"));
        try {
            assertThat(differing(sleeper)).isEmpty();
        } finally {
            end(sleeper);
        }
    }

    @Test
    void enteringEverySupportedNamespaceOfAProcessByPidPutsTheChildInExactlyThose() throws Exception {
        Set<NamespaceType> types = EnumSet.complementOf(EnumSet.of(NamespaceType.TIME));
        ProcessSpec.Builder first = spec("sleep", "30");
        types.forEach(first::createNamespace);
        SupervisedProcess owner = launch(first);
        SupervisedProcess guest = null;
        try {
            ProcessSpec.Builder second = spec("sleep", "30");
            for (NamespaceType t : types) {
                second.enterNamespace(NamespaceRef.ofPid(t, owner.pid()));
            }
            guest = launch(second);
            Map<NamespaceType, Long> ownerNs = owner.namespaces();
            Map<NamespaceType, Long> guestNs = guest.namespaces();
            for (NamespaceType t : types) {
                assertThat(guestNs.get(t)).as(t.procName()).isEqualTo(ownerNs.get(t));
            }
        } finally {
            end(guest == null ? new SupervisedProcess[] {owner} : new SupervisedProcess[] {owner, guest});
        }
    }

    @Test
    void aChildThatEntersAnotherProcesssMountNamespaceSeesItsMounts() throws Exception {
        Path mountPoint = Files.createDirectory(dir.resolve("mnt"));
        Path ready = dir.resolve("ready");
        Path seen = dir.resolve("seen");
        Path errors = dir.resolve("errors");
        SupervisedProcess owner = launch(spec("/bin/sh", "-c", "exec 2>" + errors + "; mount --make-rprivate / && "
                + "mount -t tmpfs shimhost " + mountPoint + " && touch " + mountPoint + "/marker && touch " + ready
                + " && exec sleep 30").createNamespace(NamespaceType.MNT));
        try {
            awaitFile(ready, errors);
            SupervisedProcess guest = launch(spec("/bin/sh", "-c", "test -e " + mountPoint + "/marker && echo yes > "
                    + seen).enterNamespace(NamespaceRef.ofPid(NamespaceType.MNT, owner.pid())));

            assertThat(guest.waitFor(PATIENCE)).isEqualTo(ExitStatus.exited(0));
            assertThat(Files.readString(seen).strip()).isEqualTo("yes");
            assertThat(Files.exists(mountPoint.resolve("marker"))).as("the framework does not see it").isFalse();
        } finally {
            end(owner);
        }
    }

    @Test
    void aMissingNamespaceFileIsNamed() {
        Path missing = dir.resolve("no-such-ns");

        assertThatThrownBy(() -> launch(spec("true").enterNamespace(NamespaceRef.ofPath(NamespaceType.NET, missing))))
                .isInstanceOf(NamespaceException.class).hasMessageContaining(missing.toString());
    }

    @Test
    void aRegularFileIsNoNamespace() throws Exception {
        Path regular = Files.writeString(dir.resolve("regular"), "x");

        assertThatThrownBy(() -> launch(spec("true").enterNamespace(NamespaceRef.ofPath(NamespaceType.UTS, regular))))
                .isInstanceOf(NamespaceException.class).hasMessageContaining(regular.toString())
                .hasMessageContaining("nsfs or procfs");
    }

    @Test
    void aFileOfProcThatIsNoNamespaceIsRefused() {
        assertThatThrownBy(() -> launch(spec("true")
                .enterNamespace(NamespaceRef.ofPath(NamespaceType.IPC, Path.of("/proc/self/status")))))
                .isInstanceOf(NamespaceException.class).hasMessageContaining("/proc/self/status");
    }

    @Test
    void aNamespaceOfAnotherTypeIsRefusedNamingBoth() {
        assertThatThrownBy(() -> launch(spec("true")
                .enterNamespace(NamespaceRef.ofPath(NamespaceType.PID, Path.of("/proc/self/ns/net")))))
                .isInstanceOf(NamespaceException.class)
                .hasMessageContaining("is a net namespace, not a pid namespace");
    }

    @Test
    void aPidThatDoesNotExistIsNamed() {
        assertThatThrownBy(() -> launch(spec("true").enterNamespace(NamespaceRef.ofPid(NamespaceType.NET, 999_999_999))))
                .isInstanceOf(NamespaceException.class).hasMessageContaining("999999999");
    }

    @Test
    void joiningATimeNamespaceIsRefusedUpFrontSayingWhy() {
        assertThatThrownBy(() -> launch(spec("true")
                .enterNamespace(NamespaceRef.ofPath(NamespaceType.TIME, Path.of("/proc/self/ns/time")))))
                .isInstanceOf(NamespaceException.class).hasMessageContaining("single-threaded");
    }

    @Test
    void creatingAndEnteringTheSameTypeIsRefused() {
        assertThatThrownBy(() -> launch(spec("true").createNamespace(NamespaceType.NET)
                .enterNamespace(NamespaceRef.ofPid(NamespaceType.NET, 1))))
                .isInstanceOf(NamespaceException.class).hasMessageContaining("both to create and to enter");
    }

    @Test
    void aPidNamespaceWhoseFirstProcessExitedTakesNoNewProcessAndSaysWhy() throws Exception {
        SupervisedProcess first = launch(spec("sleep", "30").createNamespace(NamespaceType.PID));
        Path nsFile = Path.of("/proc/" + first.pid() + "/ns/pid");
        String inode = Files.readSymbolicLink(nsFile).toString();
        // an open descriptor keeps the namespace alive after its first process is gone
        try (java.io.FileInputStream held = new java.io.FileInputStream(nsFile.toFile())) {
            Path heldPath = ownDescriptorLinkingTo(inode);
            first.stop();
            first.waitFor(PATIENCE);

            assertThatThrownBy(() -> launch(spec("true").enterNamespace(NamespaceRef.ofPath(NamespaceType.PID, heldPath))))
                    .isInstanceOf(NamespaceException.class).hasMessageContaining("first process has exited");
        }
    }

    private static Path ownDescriptorLinkingTo(String target) throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            for (Path fd : fds.toList()) {
                try {
                    if (Files.readSymbolicLink(fd).toString().equals(target)) {
                        return Path.of("/proc/" + ProcessHandle.current().pid() + "/fd/" + fd.getFileName());
                    }
                } catch (IOException closed) {
                    // the listing's own descriptor
                }
            }
        }
        throw new AssertionError("no descriptor of this JVM links to " + target);
    }

    @Test
    void theJvmsThreadsNeverChangeNamespaceNorKeepADescriptor() throws Exception {
        Map<String, String> before = threadNamespaces();
        Set<String> keptBefore = launchDescriptors();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> runs = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            int n = i;
            runs.add(pool.submit(() -> {
                ProcessSpec.Builder spec = spec("true").createNamespace(NamespaceType.UTS).createNamespace(NamespaceType.IPC);
                if (n % 4 == 1) {
                    spec.createNamespace(NamespaceType.PID).createNamespace(NamespaceType.MNT);
                }
                if (n % 4 == 2) {
                    spec.enterNamespace(NamespaceRef.ofPath(NamespaceType.NET, OWN_NET));
                }
                if (n % 4 == 3) { // fails on purpose, after the first namespace file was opened
                    spec.enterNamespace(NamespaceRef.ofPath(NamespaceType.NET, OWN_NET))
                            .enterNamespace(NamespaceRef.ofPath(NamespaceType.CGROUP, Path.of("/proc/self/ns/net")));
                }
                try {
                    fixture.service().launch(spec.build()).waitFor(PATIENCE);
                } catch (NamespaceException expected) {
                    assertThat(n % 4).isEqualTo(3);
                }
                return null;
            }));
        }
        for (Future<?> run : runs) {
            run.get();
        }
        pool.shutdown();

        Map<String, String> after = threadNamespaces();
        after.keySet().retainAll(before.keySet());
        Map<String, String> stillThere = new HashMap<>(before);
        stillThere.keySet().retainAll(after.keySet());
        assertThat(after).isEqualTo(stillThere);
        assertThat(launchDescriptors()).isSubsetOf(keptBefore);
    }

    /** task id / namespace type -> link target, for every thread of the JVM. */
    private static Map<String, String> threadNamespaces() throws IOException {
        Map<String, String> links = new HashMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : tasks.toList()) {
                for (NamespaceType type : NamespaceType.values()) {
                    try {
                        links.put(task.getFileName() + "/" + type, Files.readSymbolicLink(task.resolve("ns/" + type)).toString());
                    } catch (IOException threadEnded) {
                        // a pool thread may end while we read
                    }
                }
            }
        }
        return links;
    }

    /**
     * What a launch could keep open, namespace files and pidfds, as "descriptor target", in every
     * descriptor table of the JVM: its own and the spawning thread's, where namespace files are
     * opened. Other kinds are left out: the JVM opens and closes its own (jars, say) meanwhile.
     */
    private static Set<String> launchDescriptors() throws IOException {
        Set<String> kept = new HashSet<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : tasks.toList()) {
                try (Stream<Path> fds = Files.list(task.resolve("fd"))) {
                    for (Path fd : fds.toList()) {
                        String target = Files.readSymbolicLink(fd).toString();
                        if (LAUNCH_DESCRIPTOR.matcher(target).matches()) {
                            kept.add(fd.getFileName() + " " + target);
                        }
                    }
                } catch (NoSuchFileException gone) {
                    // a thread that ended, or a descriptor closed, while listed
                }
            }
        }
        return kept;
    }

    private static void awaitFile(Path file) throws InterruptedException, IOException {
        awaitFile(file, null);
    }

    /** Waits until the file exists; writers create it complete (write elsewhere, then rename or touch). */
    private static void awaitFile(Path file, Path errors) throws InterruptedException, IOException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!Files.exists(file)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no " + file + " within " + PATIENCE
                        + (errors != null && Files.exists(errors) ? "; stderr: " + Files.readString(errors) : ""));
            }
            Thread.sleep(5);
        }
    }
}
