package io.shimhost.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/** Kata's nsenter_test.go cases that need no kernel: path from pid, empty path. */
class NamespaceRefTest {

    @Test
    void aPidReferenceResolvesToProcPidNsType() throws Exception {
        assertThat(NamespaceRef.ofPid(NamespaceType.NET, 1234).path()).isEqualTo(Path.of("/proc/1234/ns/net"));
    }

    @Test
    void anEmptyPathIsRejectedNamingTheType() {
        assertThatThrownBy(() -> NamespaceRef.ofPath(NamespaceType.UTS, Path.of("")))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("uts");
    }

    @Test
    void aPidBelowOneIsRejectedNamingThePid() {
        assertThatThrownBy(() -> NamespaceRef.ofPid(NamespaceType.IPC, 0))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("0");
    }

    @Test
    void anUnknownTypeNameIsRejectedListingTheKnownOnes() {
        assertThatThrownBy(() -> NamespaceType.parse("user"))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("\"user\"")
                .hasMessageContaining("cgroup, ipc, mnt, net, pid, time, uts");
    }

    @Test
    void referencesPrintInTheShellsForm() throws Exception {
        assertThat(NamespaceRef.ofPid(NamespaceType.PID, 7)).hasToString("pid=pid:7");
        assertThat(NamespaceRef.ofPath(NamespaceType.NET, Path.of("/run/netns/a"))).hasToString("net=/run/netns/a");
    }
}
