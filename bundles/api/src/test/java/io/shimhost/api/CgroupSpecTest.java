package io.shimhost.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** What a start or a type asks of a shim's cgroup, and what is refused before anything is made. */
class CgroupSpecTest {

    private static final ResourceLimits MEMORY = new ResourceLimits(64L << 20, 0, 0);

    @Test
    void nothingAskedIsTheFrameworksCgroupAndALimitIsACgroupOfItsOwn() throws Exception {
        assertThat(CgroupSpec.of("", "", ResourceLimits.none())).isEqualTo(CgroupSpec.none());
        assertThat(CgroupSpec.of("", "/shims", MEMORY)).isEqualTo(new CgroupSpec(CgroupSpec.Placement.OWN, "/shims", MEMORY));
        assertThat(CgroupSpec.of("own", "", ResourceLimits.none()).placement()).isEqualTo(CgroupSpec.Placement.OWN);
    }

    @Test
    void aPathJoinsThatCgroupWhichKeepsItsOwnLimits() throws Exception {
        assertThat(CgroupSpec.of("/kata/sandbox-1", "", ResourceLimits.none()))
                .isEqualTo(new CgroupSpec(CgroupSpec.Placement.JOIN, "/kata/sandbox-1", ResourceLimits.none()));
        assertThatThrownBy(() -> CgroupSpec.of("/kata/sandbox-1", "", MEMORY)).isInstanceOf(InvalidParameterException.class)
                .hasMessageStartingWith("Limits (memory=67108864) apply to a cgroup of the shim's own, not to the existing "
                        + "cgroup /kata/sandbox-1");
    }

    @Test
    void aPathThatIsNotCleanAndAbsoluteIsRefusedNamingIt() {
        for (String bad : new String[] {"kata", "/a/../b", "/a/./b", "/a//b", "/a b", "/..", "/a/"}) {
            assertThatThrownBy(() -> CgroupSpec.of(bad, "", ResourceLimits.none())).isInstanceOf(InvalidParameterException.class)
                    .hasMessageStartingWith("Invalid cgroup \"" + bad + "\"");
        }
        assertThatThrownBy(() -> CgroupSpec.of("own", "../up", ResourceLimits.none()))
                .hasMessageStartingWith("Invalid cgroup.parent \"../up\"");
    }
}
