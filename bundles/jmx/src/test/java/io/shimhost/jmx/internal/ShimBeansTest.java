package io.shimhost.jmx.internal;

import static org.assertj.core.api.Assertions.assertThat;

import javax.management.ObjectName;

import org.junit.jupiter.api.Test;

import io.shimhost.jmx.ShimMXBean;

/** A shim's MBean name: its id as it is where a name allows it, quoted where it does not. */
class ShimBeansTest {

    @Test
    void aPlainIdIsTheNamesValueAsItIs() throws Exception {
        ObjectName name = new ObjectName(ShimMXBean.OBJECT_NAME_PREFIX + ShimBeans.nameValue("exec-2"));

        assertThat(name.toString()).isEqualTo("io.shimhost:type=Shim,id=exec-2");
    }

    @Test
    void anIdWithCharactersANameReservesIsQuotedAndReadBackAsItWas() throws Exception {
        for (String id : new String[] {"a,b", "k=v", "x:y", "say \"hi\"", "a*", "", "two words"}) {
            ObjectName name = new ObjectName(ShimMXBean.OBJECT_NAME_PREFIX + ShimBeans.nameValue(id));

            assertThat(ObjectName.unquote(name.getKeyProperty("id"))).isEqualTo(id);
        }
    }
}
