package io.shimhost.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.shimhost.api.ExitStatus;
import io.shimhost.api.ProcessSpec;
import io.shimhost.api.PseudoTerminal;
import io.shimhost.api.Stdio;
import io.shimhost.api.SupervisedProcess;

/** A console on a real pseudo-terminal: stdio, session leader, controlling terminal. */
class ConsoleTest {

    private static final Duration PATIENCE = ProcessServiceExtension.PATIENCE;

    @RegisterExtension
    static final ProcessServiceExtension fixture = new ProcessServiceExtension();

    private static SupervisedProcess onConsole(PseudoTerminal pty, String... argv) throws Exception {
        return fixture.service().launch(ProcessSpec.builder(List.of(argv)).stdio(Stdio.console(pty.slave()))
                .newSession(true).build());
    }

    private static String readAll(InputStream in) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        in.transferTo(out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void theSlaveIsAPtsDevice() throws Exception {
        try (PseudoTerminal pty = fixture.service().openPseudoTerminal()) {
            assertThat(pty.slave().toString()).startsWith("/dev/pts/");
            assertThat(Files.exists(pty.slave())).isTrue();
        }
    }

    @Test
    void whatTheShimWritesToStdoutAndStderrArrivesOnTheMaster() throws Exception {
        try (PseudoTerminal pty = fixture.service().openPseudoTerminal()) {
            SupervisedProcess shim = onConsole(pty, "/bin/sh", "-c", "echo out; echo err >&2");

            assertThat(shim.waitFor(PATIENCE)).isEqualTo(ExitStatus.exited(0));
            assertThat(readAll(pty.input())).contains("out").contains("err");
        }
    }

    @Test
    void whatIsWrittenToTheMasterIsTheShimsStdin() throws Exception {
        try (PseudoTerminal pty = fixture.service().openPseudoTerminal()) {
            SupervisedProcess shim = onConsole(pty, "/bin/sh", "-c", "read line; echo got:$line");
            pty.output().write("hello\n".getBytes(StandardCharsets.UTF_8));

            assertThat(shim.waitFor(PATIENCE)).isEqualTo(ExitStatus.exited(0));
            assertThat(readAll(pty.input())).contains("got:hello");
        }
    }

    @Test
    void theShimLeadsItsOwnSessionWithTheConsoleAsControllingTerminal() throws Exception {
        try (PseudoTerminal pty = fixture.service().openPseudoTerminal()) {
            SupervisedProcess shim = onConsole(pty, "sleep", "30");
            try {
                String[] stat = statFields(shim.pid());
                long rdev = (Long) Files.getAttribute(pty.slave(), "unix:rdev");
                assertThat(Long.parseLong(stat[3])).as("session").isEqualTo(shim.pid());
                assertThat(Long.parseLong(stat[4])).as("tty_nr").isEqualTo(rdev);
                assertThat(Files.readSymbolicLink(Path.of("/proc/" + shim.pid() + "/fd/0"))).isEqualTo(pty.slave());
            } finally {
                shim.stop();
                shim.waitFor(PATIENCE);
            }
        }
    }

    /** Fields of /proc/PID/stat after the command name: state, ppid, pgrp, session, tty_nr, ... */
    private static String[] statFields(long pid) throws Exception {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    }
}
