package io.shimhost.console.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.felix.gogo.runtime.CommandProcessorImpl;
import org.apache.felix.gogo.runtime.threadio.ThreadIOImpl;
import org.apache.felix.service.command.CommandSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Running a script file through a real Gogo command processor. */
class ScriptRunnerTest {

    /** Commands of scope {@code t}: echo a word, record a call, fail with a message. */
    public static final class Commands {
        final List<String> calls = new ArrayList<>();

        public String say(String word) {
            calls.add("say " + word);
            return "said " + word;
        }

        public void fail(String why) {
            calls.add("fail " + why);
            throw new IllegalStateException("it failed: " + why + "\nsecond line");
        }
    }

    @TempDir
    Path dir;

    private final ThreadIOImpl threadIO = new ThreadIOImpl();
    private final Commands commands = new Commands();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private CommandSession session;

    @BeforeEach
    void gogo() {
        threadIO.start();
        CommandProcessorImpl processor = new CommandProcessorImpl(threadIO);
        processor.addCommand("t", commands, "say");
        processor.addCommand("t", commands, "fail");
        session = processor.createSession(new ByteArrayInputStream(new byte[0]), new PrintStream(out, true),
                new PrintStream(err, true));
    }

    @AfterEach
    void stop() {
        session.close();
        threadIO.stop();
    }

    private int run(String... lines) throws Exception {
        Path script = Files.write(dir.resolve("script.gogo"), List.of(lines));
        return new ScriptRunner(session, new PrintStream(out, true), new PrintStream(err, true)).run(script);
    }

    @Test
    void everyCommandRunsInOrderAndItsResultIsPrinted() throws Exception {
        int status = run("t:say one", "t:say two");

        assertThat(status).isZero();
        assertThat(commands.calls).containsExactly("say one", "say two");
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("said one\nsaid two\n");
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void blankLinesAndCommentsAreSkipped() throws Exception {
        int status = run("# a comment", "", "   ", "t:say one");

        assertThat(status).isZero();
        assertThat(commands.calls).containsExactly("say one");
    }

    @Test
    void theFirstFailureStopsTheScriptWithStatusOneAndOneLineNamingItsPlace() throws Exception {
        int status = run("t:say one", "t:fail boom", "t:say never");

        assertThat(status).isEqualTo(1);
        assertThat(commands.calls).containsExactly("say one", "fail boom");
        String error = err.toString(StandardCharsets.UTF_8);
        assertThat(error).hasLineCount(1).endsWith(":2: t:fail boom: IllegalStateException: it failed: boom second line\n");
    }

    @Test
    void anUnknownCommandFailsTheScript() throws Exception {
        int status = run("t:nosuch");

        assertThat(status).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("t:nosuch");
    }

    @Test
    void aMissingScriptFailsNamingThePath() {
        Path missing = dir.resolve("missing.gogo");

        int status = new ScriptRunner(session, new PrintStream(out, true), new PrintStream(err, true)).run(missing);

        assertThat(status).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains(missing.toString());
    }
}
