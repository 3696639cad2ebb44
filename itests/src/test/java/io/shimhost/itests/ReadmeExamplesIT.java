package io.shimhost.itests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's example sessions, run as it writes them, from the folder it says (the checkout),
 * twice in a row on one state folder: both runs print what the README shows, so an example leaves
 * nothing behind that keeps it from running again. Only the state folder is the test's own (the
 * checkout's is left alone), and {@code /opt/kata/kata-shim}, which the README says stands for the
 * kata-shim binary, is the stand-in.
 */
class ReadmeExamplesIT {

    private static final String JAR_AS_WRITTEN = "java -jar run/target/shimhost.jar";
    /** The API socket as the README names it: the state folder next to the jar. */
    private static final String API_SOCKET_AS_WRITTEN = "run/target/state/api.sock";

    @TempDir
    Path dir;

    private static Path checkout() {
        return Launcher.jar().toAbsolutePath().getParent().getParent().getParent();
    }

    private static ReadmeText readme() throws Exception {
        return new ReadmeText(Files.readAllLines(checkout().resolve("README.md"), StandardCharsets.UTF_8));
    }

    @Test
    void theExampleSessionRunsTwiceAsTheReadmeShows() throws Exception {
        Path standIn = KataStandIn.install(dir);
        Files.writeString(dir.resolve("sleep"), "600");
        ReadmeText.Session demo = readme().session("demo.gogo");
        Path script = Files.write(dir.resolve("demo.gogo"),
                demo.script().stream().map(line -> line.replace("/opt/kata/kata-shim", standIn.toString())).toList());

        for (int run = 1; run <= 2; run++) {
            transcript(demo.command().replace(" demo.gogo", " " + script), dir.resolve("state"))
                    .shouldMatch(demo.output(), "run " + run);
        }
    }

    @Test
    void theHotDeploymentScriptRunsTwiceAsTheReadmeShows() throws Exception {
        ReadmeText.Session hot = readme().session("hot.gogo");
        Path script = Files.write(dir.resolve("hot.gogo"), hot.script());

        for (int run = 1; run <= 2; run++) {
            transcript(hot.command().replace(" hot.gogo", " " + script), dir.resolve("state"))
                    .shouldMatch(hot.output(), "run " + run);
        }
    }

    @Test
    void theDaemonExampleRunsTwiceAsTheReadmeShows() throws Exception {
        List<ReadmeText.Step> steps = readme().steps(JAR_AS_WRITTEN + " --daemon &");
        try (NodeDaemon daemon = new NodeDaemon(dir).start()) {
            for (int run = 1; run <= 2; run++) {
                for (ReadmeText.Step step : steps) {
                    transcript(step.command(), daemon.state()).shouldMatch(step.output(), "run " + run + ": " + step.command());
                }
            }
        }
    }

    @Test
    void theHttpApiExampleRunsTwiceAsTheReadmeShows() throws Exception {
        List<ReadmeText.Step> steps = readme().stepsFrom("curl -s --unix-socket " + API_SOCKET_AS_WRITTEN
                + " http://localhost/v1/version");
        try (NodeDaemon daemon = new NodeDaemon(dir).start()) {
            for (int run = 1; run <= 2; run++) {
                for (ReadmeText.Step step : steps) {
                    transcript(step.command().replace(API_SOCKET_AS_WRITTEN, daemon.state().resolve("api.sock").toString()),
                            daemon.state()).shouldMatch(step.output(), "run " + run + ": " + step.command());
                }
            }
        }
    }

    /** Runs a README command line in bash in the checkout, on the state folder given; stdout and stderr as a terminal shows them. */
    private static Transcript transcript(String commandLine, Path state) throws Exception {
        String java = String.join(" ", Launcher.javaCommand("-Dshimhost.state=" + state));
        String command = commandLine.replace(JAR_AS_WRITTEN, java + " -jar " + Launcher.jar().toAbsolutePath());
        Process bash = new ProcessBuilder("bash", "-c", command).directory(checkout().toFile())
                .redirectInput(new File("/dev/null")).redirectErrorStream(true).start();
        String output = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(bash.waitFor(90, TimeUnit.SECONDS)).isTrue();
        return new Transcript(List.of(output.split("\n")));
    }

    /**
     * What a command printed. It matches the README's lines when they are the same but for ids,
     * pids, times and numbers (and runs of spaces, which follow their widths); a README line
     * {@code …} stands for the lines it leaves out.
     */
    record Transcript(List<String> lines) {

        void shouldMatch(List<String> readme, String description) {
            List<String> want = readme.stream().map(Transcript::shape).toList();
            List<String> got = lines.stream().map(Transcript::shape).toList();
            assertThat(fits(want, 0, got, 0))
                    .as("%s: the README shows%n%s%nthe command printed%n%s", description, String.join("\n", readme),
                            String.join("\n", lines))
                    .isTrue();
        }

        private static boolean fits(List<String> want, int w, List<String> got, int g) {
            if (w == want.size()) {
                return g == got.size();
            }
            if (want.get(w).startsWith("…")) {
                for (int skip = g; skip <= got.size(); skip++) {
                    if (fits(want, w + 1, got, skip)) {
                        return true;
                    }
                }
                return false;
            }
            return g < got.size() && want.get(w).equals(got.get(g)) && fits(want, w + 1, got, g + 1);
        }

        static String shape(String line) {
            return line.replaceAll("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "ID")
                    .replaceAll("\\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z", "TIME")
                    .replaceAll("-?\\d+", "N")
                    .replaceAll("\\s+", " ").strip();
        }
    }

    /** The README's fenced examples. */
    record ReadmeText(List<String> lines) {

        /** A script shown by {@code $ cat NAME}, the command that runs it and what that printed. */
        record Session(List<String> script, String command, List<String> output) {
        }

        /** A command line shown after {@code $ } and what it printed. */
        record Step(String command, List<String> output) {
        }

        Session session(String name) {
            int cat = lines.indexOf("$ cat " + name);
            assertThat(cat).as("the README shows $ cat %s", name).isNotNegative();
            List<String> script = new ArrayList<>();
            int i = cat + 1;
            for (; !lines.get(i).startsWith("$ "); i++) {
                script.add(lines.get(i));
            }
            String command = lines.get(i).substring(2);
            return new Session(script, command, output(i + 1));
        }

        /** The steps of the example whose first command is {@code first}, that one included. */
        List<Step> stepsFrom(String first) {
            List<Step> steps = new ArrayList<>();
            int start = lines.indexOf("$ " + first);
            assertThat(start).as("the README shows $ %s", first).isNotNegative();
            steps.add(new Step(first, output(start + 1)));
            steps.addAll(steps(first));
            return steps;
        }

        /** The steps of the example whose first command is {@code first}, which is left out (the test runs it). */
        List<Step> steps(String first) {
            int start = -1;
            for (int i = 0; i < lines.size() && start < 0; i++) {
                if (lines.get(i).startsWith("$ " + first)) {
                    start = i;
                }
            }
            assertThat(start).as("the README shows $ %s", first).isNotNegative();
            List<Step> steps = new ArrayList<>();
            for (int i = start + 1; !lines.get(i).startsWith("```"); i++) {
                if (lines.get(i).startsWith("$ ")) {
                    steps.add(new Step(lines.get(i).substring(2).replaceAll("\\s+#.*$", ""), output(i + 1)));
                }
            }
            return steps;
        }

        /** The lines from {@code from} up to the next command or the end of the example. */
        private List<String> output(int from) {
            List<String> output = new ArrayList<>();
            for (int i = from; !lines.get(i).startsWith("$ ") && !lines.get(i).startsWith("```"); i++) {
                output.add(lines.get(i));
            }
            return output;
        }
    }
}
