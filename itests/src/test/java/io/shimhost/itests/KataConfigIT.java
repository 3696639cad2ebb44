package io.shimhost.itests;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Collection;
import java.util.Hashtable;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import javax.inject.Inject;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerMethod;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.service.metatype.MetaTypeService;
import org.osgi.service.metatype.ObjectClassDefinition;

/**
 * The kataShim's configuration (PID io.shimhost.shim.kata) in a real framework: described by
 * Metatype, and a Configuration Admin change reaches the component's configuration, which SCR
 * reports even while the component waits for a process service.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerMethod.class)
public class KataConfigIT {

    private static final String PID = "io.shimhost.shim.kata";
    private static final String COMPONENT = "io.shimhost.shim.kata.internal.KataShim";

    @Inject
    private BundleContext context;

    @Inject
    private ConfigurationAdmin configurationAdmin;

    @Inject
    private ServiceComponentRuntime scr;

    @Inject
    private MetaTypeService metaType;

    @Configuration
    public Option[] config() {
        return ShimhostFramework.framework();
    }

    private Bundle kataBundle() {
        return ShimhostFramework.installed(context, "io.shimhost.shim.kata");
    }

    private Optional<Map<String, Object>> componentProperties() {
        ComponentDescriptionDTO description = scr.getComponentDescriptionDTO(kataBundle(), COMPONENT);
        if (description == null) {
            return Optional.empty();
        }
        Collection<ComponentConfigurationDTO> configurations = scr.getComponentConfigurationDTOs(description);
        return configurations.stream().findFirst().map(c -> c.properties);
    }

    @Test
    public void theDefaultsAreKatas() throws Exception {
        Map<String, Object> properties = awaitProperties(p -> p.containsKey("path"));

        assertThat(properties).containsEntry("path", "/usr/libexec/kata-containers/kata-shim")
                .containsEntry("debug", false).containsEntry("trace", false);
    }

    @Test
    public void aConfigurationAdminChangeReachesTheKataComponent() throws Exception {
        Hashtable<String, Object> update = new Hashtable<>();
        update.put("path", "/opt/kata/bin/kata-shim");
        update.put("debug", true);

        configurationAdmin.getConfiguration(PID, "?").update(update);

        Map<String, Object> properties = awaitProperties(p -> "/opt/kata/bin/kata-shim".equals(p.get("path")));
        assertThat(properties).containsEntry("debug", true).containsEntry("trace", false);
    }

    @Test
    public void metatypeDescribesEveryKeyOfTheKataShim() {
        ObjectClassDefinition ocd = metaType.getMetaTypeInformation(kataBundle()).getObjectClassDefinition(PID, null);

        assertThat(Arrays.stream(ocd.getAttributeDefinitions(ObjectClassDefinition.ALL)).map(AttributeDefinition::getID))
                .containsExactlyInAnyOrder("path", "debug", "trace", "pass.environment", "cgroup", "cgroup.parent", "memory",
                        "pids", "cpu.weight");
        assertThat(Arrays.stream(ocd.getAttributeDefinitions(ObjectClassDefinition.ALL))
                .filter(a -> a.getID().equals("path")).findFirst().orElseThrow().getDefaultValue())
                .containsExactly("/usr/libexec/kata-containers/kata-shim");
    }

    private Map<String, Object> awaitProperties(Predicate<Map<String, Object>> wanted) throws InterruptedException {
        ShimhostFramework.await("kataShim component properties as wanted, last " + componentProperties(),
                () -> componentProperties().filter(wanted).isPresent());
        return componentProperties().orElseThrow();
    }
}
