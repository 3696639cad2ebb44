package io.shimhost.itests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** jmxterm, the JMX command-line client, attached to a local JVM by its pid as an operator does. */
final class JmxTerm {

    private JmxTerm() {
    }

    /** Runs jmxterm's commands against the JVM, after opening it by pid; what it printed. */
    static String run(long pid, String... commands) throws Exception {
        StringBuilder script = new StringBuilder("open " + pid + "\n");
        for (String c : commands) {
            script.append(c).append('\n');
        }
        Process p = new ProcessBuilder(List.of(System.getProperty("java.home") + "/bin/java",
                // jmxterm finds local JVMs through JConsole's classes
                "--add-exports", "jdk.jconsole/sun.tools.jconsole=ALL-UNNAMED",
                "-jar", System.getProperty("shimhost.jmxterm"), "-n", "-v", "brief"))
                .redirectErrorStream(true).start();
        p.getOutputStream().write(script.toString().getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return out;
    }
}
