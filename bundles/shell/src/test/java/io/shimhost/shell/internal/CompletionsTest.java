package io.shimhost.shell.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.shimhost.api.NoProcess;
import io.shimhost.api.ShimParams;
import io.shimhost.api.ShimType;
import io.shimhost.api.registry.ShimRecord;
import io.shimhost.api.registry.ShimRecord.Supervision;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** TAB completion read from the commands' own syntax and the node: what completes the last word. */
class CompletionsTest {

    private static final Map<String, CommandSyntax> COMMANDS = Map.of("start", StartOptions.SYNTAX, "stop",
            StopCommand.SYNTAX, "ps", PsCommand.SYNTAX, "signal", SignalCommand.SYNTAX, "wait", WaitCommand.SYNTAX);

    private static List<String> complete(String... words) throws Exception {
        ShimRecord s1 = new ShimRecord(new NoProcess(0, ShimType.NOOP, ShimParams.builder().token("s1").build()), "sb",
                Supervision.STARTED);
        return new Completions(COMMANDS, List.of("lb", "shim:ps"), new Completions.Node(List.of(s1),
                List.of(ShimType.KATA, ShimType.NOOP))).of(Arrays.asList(words));
    }

    @Test
    void aFirstWordCompletesToCommandNames() throws Exception {
        assertThat(complete("shim:st")).containsExactly("shim:start", "shim:stop");
        assertThat(complete("l")).containsExactly("lb");
    }

    @Test
    void anOptionCompletesToTheCommandsOptions() throws Exception {
        assertThat(complete("shim:start", "--new")).containsExactly("--new-ns");
        assertThat(complete("shim:ps", "-")).contains("-q", "--quiet", "--format", "--help");
    }

    @Test
    void namespaceTypesCompleteEachItemOfTheList() throws Exception {
        assertThat(complete("shim:start", "--new-ns", "n")).containsExactly("net");
        assertThat(complete("shim:start", "--new-ns", "net,p")).containsExactly("net,pid");
        assertThat(complete("shim:start", "--cgroup", "o")).containsExactly("own");
    }

    @Test
    void enterNsCompletesTheTypeThenWhereTheNamespaceIs() throws Exception {
        assertThat(complete("shim:start", "--enter-ns", "n")).containsExactly("net=");
        assertThat(complete("shim:start", "--enter-ns", "net=")).containsExactly("net=/proc/", "net=/run/netns/",
                "net=pid:");
        assertThat(complete("shim:start", "--enter-ns", "net=/proc/self/ns/n")).contains("net=/proc/self/ns/net");
    }

    @Test
    void pathsCompleteForTheConsoleAndTheConfiguredPath() throws Exception {
        assertThat(complete("shim:start", "--console", "/de")).containsExactly("/dev/");
        assertThat(complete("shim:start", "--config", "pa")).containsExactly("path=");
        assertThat(complete("shim:start", "--config", "path=/bi")).containsExactly("path=/bin/");
    }

    @Test
    void anInlineValueKeepsItsOption() throws Exception {
        assertThat(complete("shim:ps", "--format=j")).containsExactly("--format=json");
    }

    @Test
    void argumentsCompleteByWhatTheyAre() throws Exception {
        assertThat(complete("shim:start", "-d", "")).containsExactly("kataShim", "noopShim");
        assertThat(complete("shim:start", "-c", "c1", "k")).containsExactly("kataShim");
        assertThat(complete("shim:stop", "")).containsExactly("s1");
        assertThat(complete("shim:signal", "s1", "SIGT")).containsExactly("SIGTRAP", "SIGTERM", "SIGTSTP", "SIGTTIN",
                "SIGTTOU");
        assertThat(complete("shim:signal", "s1", "KI")).containsExactly("KILL");
        assertThat(complete("shim:stop", "s1", "")).isEmpty();
    }

    @Test
    void anUnknownCommandCompletesNothing() throws Exception {
        assertThat(complete("lb", "")).isEmpty();
    }
}
