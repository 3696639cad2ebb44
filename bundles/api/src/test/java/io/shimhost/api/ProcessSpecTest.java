package io.shimhost.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Kata's startShim mapping of shim parameters to stdio, session and namespaces. */
class ProcessSpecTest {

    private static final List<String> ARGV = List.of("/bin/shim", "-agent", "unix:///a");

    @Test
    void anAttachedShimSharesTheFrameworksStdio() throws Exception {
        ProcessSpec spec = ProcessSpec.forShim(ARGV, ShimParams.builder().build());

        assertThat(spec.stdio()).isEqualTo(Stdio.inherit());
        assertThat(spec.newSession()).isFalse();
    }

    @Test
    void aDetachedShimGetsDevNull() throws Exception {
        ProcessSpec spec = ProcessSpec.forShim(ARGV, ShimParams.builder().detach(true).build());

        assertThat(spec.stdio()).isEqualTo(Stdio.discard());
    }

    @Test
    void aConsoleBecomesStdioAndTheShimLeadsItsOwnSession() throws Exception {
        Path pts = Path.of("/dev/pts/7");

        ProcessSpec spec = ProcessSpec.forShim(ARGV, ShimParams.builder().console(pts).detach(true).build());

        assertThat(spec.stdio()).isEqualTo(Stdio.console(pts));
        assertThat(spec.newSession()).isTrue();
    }

    @Test
    void namespacesComeFromTheParameters() throws Exception {
        NamespaceRef net = NamespaceRef.ofPid(NamespaceType.NET, 42);
        ShimParams params = ShimParams.builder().createNamespace(NamespaceType.UTS).enterNamespace(net).build();

        ProcessSpec spec = ProcessSpec.forShim(ARGV, params);

        assertThat(spec.createNamespaces()).containsExactly(NamespaceType.UTS);
        assertThat(spec.enterNamespaces()).containsExactly(net);
        assertThat(spec.argv()).isEqualTo(ARGV);
    }

    @Test
    void anEmptyCommandIsRejected() {
        assertThatThrownBy(() -> ProcessSpec.builder(List.of()))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("command");
    }
}
