package io.shimhost.shell.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.shimhost.api.InvalidParameterException;
import io.shimhost.api.NamespaceRef;
import io.shimhost.api.NamespaceType;
import io.shimhost.api.ResourceLimits;
import io.shimhost.api.ShimParams;
import io.shimhost.api.ShimType;

/** The options of shim:start, as DESIGN.md section 4 lists them. */
class StartOptionsTest {

    private static StartRequest parse(String... args) throws InvalidParameterException {
        return StartOptions.parse(List.of(args));
    }

    @Test
    void aBareTypeStartsWithEmptyParameters() throws Exception {
        StartRequest r = parse("noopShim");

        assertThat(r.type()).isEqualTo(ShimType.NOOP);
        assertThat(r.params()).isEqualTo(ShimParams.builder().build());
        assertThat(r.config()).isEmpty();
        assertThat(r.sandbox()).isEqualTo("shell");
    }

    @Test
    void everyOptionReachesTheParameters() throws Exception {
        StartRequest r = parse("-c", "c1", "-t", "tok", "-u", "unix:///a.sock", "--console", "/dev/pts/3",
                "--console-url", "unix:///c.sock", "--terminal", "-d", "--pid", "42", "kataShim");

        assertThat(r.params()).isEqualTo(ShimParams.builder().container("c1").token("tok").url("unix:///a.sock")
                .console(Path.of("/dev/pts/3")).consoleUrl("unix:///c.sock").terminal(true).detach(true).pid(42)
                .build());
        assertThat(r.sandbox()).isEqualTo("c1");
    }

    @Test
    void cgroupAndLimitsReachTheParameters() throws Exception {
        StartRequest r = parse("--cgroup", "own", "--memory", "512M", "--pids", "64", "--cpu-weight", "200", "kataShim");

        assertThat(r.params().cgroup()).isEqualTo("own");
        assertThat(r.params().limits()).isEqualTo(new ResourceLimits(512L << 20, 64, 200));
    }

    @Test
    void aBadLimitIsNamedWithItsValue() {
        assertThatThrownBy(() -> parse("--memory", "lots", "kataShim")).isInstanceOf(InvalidParameterException.class)
                .hasMessageStartingWith("Invalid --memory \"lots\"");
        assertThatThrownBy(() -> parse("--cpu-weight", "20000", "kataShim")).isInstanceOf(InvalidParameterException.class)
                .hasMessageStartingWith("Invalid --cpu-weight 20000: a CPU weight is 1 to 10000");
        assertThatThrownBy(() -> parse("--cgroup", "../x", "kataShim")).isInstanceOf(InvalidParameterException.class)
                .hasMessageStartingWith("Invalid cgroup \"../x\": give own or an absolute cgroup path");
    }

    @Test
    void longOptionsAcceptTheirValueAfterAnEqualsSign() throws Exception {
        StartRequest r = parse("--container=c2", "--url=unix:///b", "noopShim");

        assertThat(r.params().container()).isEqualTo("c2");
        assertThat(r.params().url()).isEqualTo("unix:///b");
    }

    @Test
    void newNamespacesAreCommaSeparatedAndRepeatable() throws Exception {
        StartRequest r = parse("--new-ns", "net,uts", "--new-ns=pid", "noopShim");

        assertThat(r.params().createNamespaces())
                .containsExactlyInAnyOrder(NamespaceType.NET, NamespaceType.UTS, NamespaceType.PID);
    }

    @Test
    void namespacesToEnterAreGivenByPathOrByPid() throws Exception {
        StartRequest r = parse("--enter-ns", "net=/run/netns/blue,ipc=pid:77", "--enter-ns", "mnt=pid:8", "noopShim");

        assertThat(r.params().enterNamespaces()).containsExactly(
                NamespaceRef.ofPath(NamespaceType.NET, Path.of("/run/netns/blue")),
                NamespaceRef.ofPid(NamespaceType.IPC, 77), NamespaceRef.ofPid(NamespaceType.MNT, 8));
    }

    @Test
    void configEntriesAreRepeatableKeyValuePairs() throws Exception {
        StartRequest r = parse("--config", "path=/opt/kata-shim", "--config", "debug=true", "kataShim");

        assertThat(r.config()).isEqualTo(Map.of("path", "/opt/kata-shim", "debug", "true"));
    }

    @Test
    void helpNeedsNoType() throws Exception {
        assertThat(parse("--help").help()).isTrue();
        assertThat(parse("-h").help()).isTrue();
    }

    @Test
    void anUnknownOptionIsNamed() {
        assertThatThrownBy(() -> parse("--colour", "red", "noopShim"))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("--colour");
    }

    @Test
    void aMissingTypeIsAnErrorWithTheUsage() {
        assertThatThrownBy(() -> parse("-c", "c1"))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessage("Missing TYPE; usage: shim:start [options] TYPE");
    }

    @Test
    void aSecondTypeIsAnErrorNamingIt() {
        assertThatThrownBy(() -> parse("noopShim", "kataShim"))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageStartingWith("Too many arguments: \"kataShim\" is one more than 1; usage: shim:start");
    }

    @Test
    void repeatedOptionsKeepEveryValue() throws Exception {
        StartRequest r = parse("--env", "A=1", "--env", "B=2", "--config", "debug=true", "--config", "trace=true",
                "noopShim");

        assertThat(r.params().environment()).containsExactly(java.util.Map.entry("A", "1"), java.util.Map.entry("B", "2"));
        assertThat(r.config()).containsOnlyKeys("debug", "trace");
    }

    @Test
    void theHelpIsMadeFromTheSameDeclarationAsTheParser() {
        String help = StartOptions.SYNTAX.help();

        for (CommandSyntax.Option option : StartOptions.SYNTAX.options()) {
            assertThat(help).contains(option.key());
        }
        assertThat(help).contains("--new-ns TYPE[,TYPE]", "(repeatable)", "usage: shim:start");
    }

    @Test
    void anInvalidTypeNameIsNamed() {
        assertThatThrownBy(() -> parse("9lives"))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("\"9lives\"");
    }

    @Test
    void anOptionWithoutItsValueIsNamed() {
        assertThatThrownBy(() -> parse("noopShim", "--url"))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("--url needs a value");
    }

    @Test
    void aFlagGivenAValueIsAnError() {
        assertThatThrownBy(() -> parse("--terminal=yes", "noopShim"))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("--terminal takes no value");
    }

    @Test
    void aPidThatIsNoNumberIsNamed() {
        assertThatThrownBy(() -> parse("--pid", "abc", "noopShim"))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("\"abc\"");
    }

    @Test
    void aNegativePidIsNamed() {
        assertThatThrownBy(() -> parse("--pid", "-5", "noopShim"))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("\"-5\"");
    }

    @Test
    void aNamespaceTypeGivenTwiceToCreateIsRefused() {
        assertThatThrownBy(() -> parse("--new-ns", "net,net", "noopShim")).isInstanceOf(InvalidParameterException.class)
                .hasMessage("Invalid --new-ns \"net,net\": net is given twice");
        assertThatThrownBy(() -> parse("--new-ns", "net", "--new-ns", "uts,net", "noopShim"))
                .hasMessageContaining("net is given twice");
    }

    @Test
    void environmentVariablesAreRepeatableNameValuePairs() throws Exception {
        StartRequest r = parse("--env", "A=1", "--env=B=x=y", "--env", "EMPTY=", "noopShim");

        assertThat(r.params().environment()).containsExactly(entry("A", "1"), entry("B", "x=y"), entry("EMPTY", ""));
    }

    @Test
    void anEnvironmentVariableWithABadNameIsNamed() {
        assertThatThrownBy(() -> parse("--env", "1X=2", "noopShim")).isInstanceOf(InvalidParameterException.class)
                .hasMessageStartingWith("Invalid environment variable name \"1X\"");
        assertThatThrownBy(() -> parse("--env", "NOVALUE", "noopShim")).hasMessageContaining("expected NAME=VALUE");
    }

    @Test
    void anUnknownNamespaceTypeIsNamed() {
        assertThatThrownBy(() -> parse("--new-ns", "net,usr", "noopShim"))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("\"usr\"");
    }

    @Test
    void aNamespaceToEnterWithoutTargetIsNamed() {
        assertThatThrownBy(() -> parse("--enter-ns", "net", "noopShim"))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("\"net\"").hasMessageContaining("TYPE=PATH");
    }

    @Test
    void aNamespaceToEnterWithAnEmptyPathIsRefused() {
        assertThatThrownBy(() -> parse("--enter-ns", "uts=", "noopShim"))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("uts");
    }

    @Test
    void aNamespacePidThatIsNoNumberIsNamed() {
        assertThatThrownBy(() -> parse("--enter-ns", "ipc=pid:x1", "noopShim"))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("\"x1\"");
    }

    @Test
    void aConfigEntryWithoutEqualsSignIsNamed() {
        assertThatThrownBy(() -> parse("--config", "debug", "kataShim"))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("\"debug\"").hasMessageContaining("KEY=VALUE");
    }

    @Test
    void anEmptyTokenIsRefused() {
        assertThatThrownBy(() -> parse("--token=", "noopShim"))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("--token");
    }

    @Test
    void aLogFileDetachesTheShimAndTakesItsOutput() throws Exception {
        StartRequest r = parse("--log", "/var/log/shimhost/s1.log", "noopShim");

        assertThat(r.params().outputLog()).contains(java.nio.file.Path.of("/var/log/shimhost/s1.log"));
        assertThat(r.params().detach()).isTrue();
    }

    @Test
    void aRelativeLogFileIsRefusedByName() {
        assertThatThrownBy(() -> parse("--log", "s1.log", "noopShim")).isInstanceOf(InvalidParameterException.class)
                .hasMessage("Invalid log file \"s1.log\": give an absolute path");
    }

    @Test
    void theFormatIsTextOrJson() throws Exception {
        assertThat(parse("noopShim").format()).isEqualTo(Format.TEXT);
        assertThat(parse("--format=json", "noopShim").format()).isEqualTo(Format.JSON);
        assertThatThrownBy(() -> parse("--format", "yaml", "noopShim")).isInstanceOf(InvalidParameterException.class)
                .hasMessage("Invalid --format \"yaml\": give text or json");
    }
}
