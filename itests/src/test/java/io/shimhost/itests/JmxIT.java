package io.shimhost.itests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The daemon in JMX, as an operator reaches it: jmxterm attached to the daemon's pid (no port
 * configured) reads the registry's counts and the shims' MBeans, and stops a shim.
 */
class JmxIT {

    @TempDir
    Path dir;

    private NodeDaemon node;
    private Path standIn;

    @BeforeEach
    void daemon() throws Exception {
        node = new NodeDaemon(dir).start();
        standIn = KataStandIn.install(Files.createDirectories(dir.resolve("bin")));
    }

    @AfterEach
    void stop() throws InterruptedException {
        node.close();
    }

    private String jmxterm(String... commands) throws Exception {
        return JmxTerm.run(node.process().pid(), commands);
    }

    @Test
    void jmxtermReadsTheRegistrysCountsAndStopsAShim() throws Exception {
        node.ctl(KataStandIn.start(standIn, "-d -c c1 -t k1 --env KATA_STANDIN_SLEEP=300").split(" "));

        String before = jmxterm("get -s -b io.shimhost:type=Registry Running",
                "get -s -b io.shimhost:type=Shim,id=k1 State Container",
                "run -b io.shimhost:type=Shim,id=k1 stop");

        assertThat(before.lines().toList()).as(before).containsSubsequence("1", "running", "c1");
        assertThat(before).contains("stopped shim k1");
        node.ctl("shim:wait", "k1");
        assertThat(node.ctl("shim:ps")).contains("killed SIGKILL");
        String after = jmxterm("get -s -b io.shimhost:type=Registry Running", "run -b io.shimhost:type=Shim,id=k1 forget");
        assertThat(after.lines().toList()).as(after).contains("0", "forgot shim k1");
        // the shim's MBean goes with the registry's event, which is delivered on its own thread
        String beans = jmxterm("beans -d io.shimhost");
        for (int i = 0; i < 20 && beans.contains("id=k1"); i++) {
            Thread.sleep(250);
            beans = jmxterm("beans -d io.shimhost");
        }
        assertThat(beans.lines().toList()).as(beans).contains("io.shimhost:type=Registry")
                .doesNotContain("io.shimhost:id=k1,type=Shim");
    }

    @Test
    void anOperationRefusedSaysWhy() throws Exception {
        node.ctl("shim:start", "-t", "n1", "noopShim");

        String out = jmxterm("run -b io.shimhost:type=Shim,id=n1 stop");

        assertThat(out).contains("Cannot stop shim n1: it is no-process");
    }
}
