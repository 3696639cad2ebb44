package io.shimhost.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import io.shimhost.api.NamespaceRef;
import io.shimhost.api.NamespaceType;
import io.shimhost.api.ProcessPlan;
import io.shimhost.api.ProcessSpec;
import io.shimhost.api.ShimException;
import io.shimhost.api.Stdio;

class LaunchPlannerTest {

    @RegisterExtension
    static final ProcessServiceExtension fixture = new ProcessServiceExtension();

    @TempDir
    Path dir;

    /** The message a launch of {@code spec} fails with, or null if it started (and was stopped). */
    private static String launchFailure(ProcessSpec spec) throws Exception {
        try {
            var p = fixture.service().launch(spec);
            p.stop();
            p.waitFor();
            return null;
        } catch (ShimException e) {
            return e.getMessage();
        }
    }

    private static String planFailure(ProcessSpec spec) {
        try {
            fixture.service().plan(spec);
            return null;
        } catch (ShimException e) {
            return e.getMessage();
        }
    }

    @Test
    void aProgramWithoutASlashIsFoundOnThePathAndTheEnvironmentIsTheLaunchs() throws Exception {
        ProcessPlan plan = fixture.service().plan(ProcessSpec.builder(List.of("true")).environment(Map.of("A", "1"))
                .launchId("l-1").build());

        assertThat(Path.of(plan.executable())).isAbsolute().isExecutable().endsWith(Path.of("true"));
        assertThat(plan.argv()).containsExactly("true");
        assertThat(plan.environment()).containsKey("PATH").containsEntry("A", "1")
                .containsEntry(ProcessSpec.LAUNCH_ID_VARIABLE, "l-1");
        assertThat(plan.stdio().kind()).isEqualTo(Stdio.Kind.INHERIT);
        assertThat(plan.newSession()).isFalse();
    }

    @Test
    void aMissingOrNotExecutableProgramIsRefusedAsTheLaunchRefusesIt() throws Exception {
        Path script = Files.writeString(dir.resolve("not-executable"), "#!/bin/sh\n");
        for (ProcessSpec spec : List.of(ProcessSpec.builder(List.of("/nonexistent/shim")).build(),
                ProcessSpec.builder(List.of("no-such-program-anywhere")).build(),
                ProcessSpec.builder(List.of(script.toString())).stdio(Stdio.discard()).build(),
                ProcessSpec.builder(List.of("/bin/true")).stdio(Stdio.console(Path.of("/dev/null"))).newSession(true).build())) {
            assertThat(planFailure(spec)).as(spec.toString()).isNotNull().isEqualTo(launchFailure(spec));
        }
    }

    @Test
    void aNamespaceToEnterIsCheckedAndNamedByItsInode() throws Exception {
        Path net = Path.of("/proc/self/ns/net");
        long inode = Long.parseLong(Files.readSymbolicLink(net).toString().replaceAll("\\D", ""));

        ProcessPlan plan = fixture.service().plan(ProcessSpec.builder(List.of("/bin/true"))
                .enterNamespace(NamespaceRef.ofPath(NamespaceType.NET, net)).createNamespace(NamespaceType.UTS).build());

        assertThat(plan.enterNamespaces()).containsExactly(new ProcessPlan.Entered(NamespaceType.NET, net.toString(), inode));
        assertThat(plan.createNamespaces()).containsExactly(NamespaceType.UTS);
        assertThat(planFailure(ProcessSpec.builder(List.of("/bin/true"))
                .enterNamespace(NamespaceRef.ofPath(NamespaceType.UTS, net)).build()))
                .as("a file of another type").contains("uts");
    }
}
