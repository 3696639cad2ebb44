package io.shimhost.itests;

import static io.shimhost.itests.ShimhostFramework.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import javax.inject.Inject;

import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerMethod;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;

import io.shimhost.api.SandboxConfig;
import io.shimhost.api.ShimParams;
import io.shimhost.api.ShimProcess;
import io.shimhost.api.ShimType;
import io.shimhost.api.registry.ShimEvents;
import io.shimhost.api.registry.ShimRegistry;

/** The registry's events in a real Felix with Felix Event Admin: a bundle's handler hears a shim's life in order. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerMethod.class)
public class ShimEventsIT {

    @Inject
    private BundleContext context;

    @Inject
    private ShimRegistry registry;

    private final BlockingQueue<Event> heard = new LinkedBlockingQueue<>();
    private ServiceRegistration<EventHandler> handler;
    @Rule
    public final StandInFolder folder = new StandInFolder();

    @Configuration
    public Option[] config() {
        return ShimhostFramework.frameworkWithCore();
    }

    @Before
    public void listen() throws Exception {
        Dictionary<String, Object> topics = new Hashtable<>();
        topics.put(EventConstants.EVENT_TOPIC, ShimEvents.ALL_TOPICS);
        handler = context.registerService(EventHandler.class, heard::add, topics);
    }

    @After
    public void stopListening() throws Exception {
        handler.unregister();
    }

    private Event next(String topic) throws InterruptedException {
        for (Event e = heard.poll(60, TimeUnit.SECONDS); e != null; e = heard.poll(60, TimeUnit.SECONDS)) {
            if (e.getTopic().equals(topic) && !"noopShim".equals(e.getProperty(ShimEvents.TYPE))) {
                return e;
            }
        }
        throw new AssertionError("no event on " + topic);
    }

    @Test
    public void aHandlerHearsAStartThenTheExitWithItsExitCode() throws Exception {
        await("kataShim deployed", () -> registry.deployedTypes().contains(ShimType.KATA));

        ShimProcess shim = registry.start(folder.kataSandbox(),
                ShimParams.builder().container("c1").token("three").url("unix:///run/agent.sock").detach(true)
                        .environment("KATA_STANDIN_EXIT", "3").build());

        Event started = next(ShimEvents.topic(ShimEvents.STARTED));
        assertThat(started.getProperty(ShimEvents.ID)).isEqualTo("three");
        assertThat(started.getProperty(ShimEvents.EVENT)).isEqualTo("started");
        assertThat(started.getProperty(ShimEvents.TYPE)).isEqualTo("kataShim");
        assertThat(started.getProperty(ShimEvents.CONTAINER)).isEqualTo("c1");
        assertThat(started.getProperty(ShimEvents.SANDBOX)).isEqualTo("sb");
        assertThat(started.getProperty(ShimEvents.PID)).isEqualTo(shim.pid());
        Event exited = next(ShimEvents.topic(ShimEvents.EXITED));
        assertThat(exited.getProperty(ShimEvents.ID)).isEqualTo("three");
        assertThat(exited.getProperty(ShimEvents.EXIT_CODE)).isEqualTo(3);
        assertThat(exited.getProperty(ShimEvents.SIGNAL)).isNull();
        assertThat((Long) exited.getProperty(EventConstants.TIMESTAMP))
                .isGreaterThanOrEqualTo((Long) started.getProperty(EventConstants.TIMESTAMP));
    }

    @Test
    public void aHandlerHearsAForgottenShimAndATypeWithdrawnAndDeployedAgain() throws Exception {
        await("kataShim deployed", () -> registry.deployedTypes().contains(ShimType.KATA));
        ShimProcess shim = registry.start(folder.kataSandbox(),
                ShimParams.builder().container("c1").token("brief").url("unix:///run/agent.sock").detach(true).build());
        shim.waitFor(ShimhostFramework.PATIENCE);
        next(ShimEvents.topic(ShimEvents.EXITED));

        registry.forget("brief");
        assertThat(next(ShimEvents.topic(ShimEvents.FORGOTTEN)).getProperty(ShimEvents.ID)).isEqualTo("brief");

        ShimhostFramework.installed(context, "io.shimhost.shim.kata").stop();
        assertThat(next(ShimEvents.topic(ShimEvents.TYPE_WITHDRAWN)).getProperty(ShimEvents.TYPE)).isEqualTo("kataShim");
        ShimhostFramework.installed(context, "io.shimhost.shim.kata").start();
        assertThat(next(ShimEvents.topic(ShimEvents.TYPE_DEPLOYED)).getProperty(ShimEvents.TYPE)).isEqualTo("kataShim");
        assertThat(List.of(heard.toArray())).isEmpty();
    }
}
