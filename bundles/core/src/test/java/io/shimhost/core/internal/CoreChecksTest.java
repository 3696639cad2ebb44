package io.shimhost.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.shimhost.api.CgroupSpec;
import io.shimhost.api.ProcessSpec;
import io.shimhost.api.ResourceLimits;
import io.shimhost.api.Stdio;
import io.shimhost.api.SupervisedProcess;
import io.shimhost.api.audit.CheckResult;
import jnr.ffi.LibraryLoader;

/** The core's self-checks: each passes on a sound JVM and names the culprit when its invariant is broken. */
class CoreChecksTest {

    private static final Duration PATIENCE = ProcessServiceExtension.PATIENCE;
    private static final LibC LIBC = LibraryLoader.create(LibC.class).load("c");

    @RegisterExtension
    static final ProcessServiceExtension fixture = new ProcessServiceExtension();

    private static CheckResult check(String name) {
        return new CoreChecks(fixture.service()).run().stream().filter(r -> r.name().equals(name)).findFirst()
                .orElseThrow();
    }

    @Test
    void aSupervisedProcessIsHeldByExactlyOnePidfd() throws Exception {
        SupervisedProcess sleep = fixture.service().launch(ProcessSpec.builder(List.of("sleep", "30"))
                .stdio(Stdio.discard()).build());
        try {
            assertThat(fixture.service().pidfds()).containsEntry(sleep.pid(), 1);
            assertThat(check("pidfds").ok()).isTrue();
            assertThat(check("children").problems()).noneMatch(p -> p.contains("pid " + sleep.pid() + " "));
        } finally {
            sleep.stop();
            sleep.waitFor(PATIENCE);
        }
    }

    @Test
    void aChildThatNothingSupervisesIsNamed() throws Exception {
        Process stray = new ProcessBuilder("sleep", "30").start();
        try {
            assertThat(check("children").problems()).anyMatch(p -> p.equals("child pid " + stray.pid()
                    + " (sleep) is held by no pidfd: nothing supervises it"));
        } finally {
            stray.destroy();
            stray.waitFor();
        }
    }

    @Test
    void aShimCgroupLeftWithoutItsShimIsNamed() throws Exception {
        Path freezer = CgroupMounts.read().v1().get("freezer");
        SupervisedProcess shim = fixture.service().launch(ProcessSpec.builder(List.of("sleep", "30")).stdio(Stdio.discard())
                .launchId("audit-1").cgroup(new CgroupSpec(CgroupSpec.Placement.OWN, "", ResourceLimits.none())).build());
        Path stray = freezer.resolve("shimhost-audit-stray");
        Files.createDirectory(stray);
        try {
            assertThat(check("cgroups").problems()).containsExactly("cgroup " + stray + " is left without a shim (launch "
                    + "audit-stray): kill what is in it (cgroup.kill, or its cgroup.procs) and rmdir it");
        } finally {
            Files.delete(stray);
            shim.stop();
            shim.waitFor(PATIENCE);
        }
    }

    @Test
    void aShimMovedOutOfItsCgroupIsNamed() throws Exception {
        Path freezer = CgroupMounts.read().v1().get("freezer");
        SupervisedProcess shim = fixture.service().launch(ProcessSpec.builder(List.of("sleep", "30")).stdio(Stdio.discard())
                .launchId("audit-2").cgroup(new CgroupSpec(CgroupSpec.Placement.OWN, "", ResourceLimits.none())).build());
        try {
            Files.writeString(freezer.resolve("cgroup.procs"), Long.toString(shim.pid()));

            assertThat(check("cgroups").problems()).containsExactly("shim pid " + shim.pid() + " sits in cgroup /, outside "
                    + "its cgroup " + shim.cgroup().orElseThrow() + ": limits and a stop no longer reach it");
        } finally {
            shim.stop();
            shim.waitFor(PATIENCE);
        }
    }

    @Test
    void theSupervisorAnswersAndARetiredOneThatEndedDoesNot() throws Exception {
        assertThat(check("supervisor").ok()).isTrue();

        Supervisor retired = new Supervisor(LIBC);
        retired.close();

        assertThat(retired.answers(Duration.ofMillis(200))).isFalse();
    }

    @Test
    void aThreadInAnotherNetNamespaceIsNamed() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "setns needs root; CI runs as root");
        SupervisedProcess isolated = fixture.service().launch(ProcessSpec.builder(List.of("sleep", "30"))
                .stdio(Stdio.discard()).createNamespace(io.shimhost.api.NamespaceType.NET).build());
        CountDownLatch moved = new CountDownLatch(1);
        CountDownLatch checked = new CountDownLatch(1);
        Thread stray = new Thread(() -> {
            int fd = LIBC.open("/proc/" + isolated.pid() + "/ns/net", LibC.O_RDONLY | LibC.O_CLOEXEC);
            LIBC.setns(fd, io.shimhost.api.NamespaceType.NET.cloneFlag());
            LIBC.close(fd);
            moved.countDown();
            try {
                checked.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "strayed-thread");
        stray.start();
        try {
            moved.await();
            assertThat(check("threads").problems()).singleElement().satisfies(p -> assertThat(p)
                    .startsWith("thread ").contains("(strayed-thread) is in net:[").contains(", not the framework's net:["));
        } finally {
            checked.countDown();
            stray.join();
            isolated.stop();
            isolated.waitFor(PATIENCE);
        }
        assertThat(check("threads").ok()).as("the thread and its namespace are gone").isTrue();
    }
}
