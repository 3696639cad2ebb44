package io.shimhost.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Limits as an operator writes them: sizes with binary suffixes, whole numbers, ranges named in errors. */
class ResourceLimitsTest {

    @Test
    void aMemorySizeIsBytesOrASizeWithABinarySuffix() throws Exception {
        assertThat(ResourceLimits.parseMemory("--memory", "65536")).isEqualTo(65536);
        assertThat(ResourceLimits.parseMemory("--memory", "512M")).isEqualTo(512L << 20);
        assertThat(ResourceLimits.parseMemory("--memory", "2g")).isEqualTo(2L << 30);
        assertThat(ResourceLimits.parseMemory("--memory", "1GiB")).isEqualTo(1L << 30);
        assertThat(ResourceLimits.parseMemory("--memory", "")).isZero();
    }

    @Test
    void aMemorySizeTooSmallTooLargeOrNotASizeIsRefusedNamingIt() {
        for (String bad : new String[] {"lots", "4095", "-1M", "99999999999T", "1.5G"}) {
            assertThatThrownBy(() -> ResourceLimits.parseMemory("memory", bad)).isInstanceOf(InvalidParameterException.class)
                    .hasMessageStartingWith("Invalid memory \"" + bad + "\"");
        }
    }

    @Test
    void theCpuWeightIsOneToTenThousand() throws Exception {
        assertThat(ResourceLimits.parseCpuWeight("cpu.weight", "10000")).isEqualTo(10000);
        assertThatThrownBy(() -> ResourceLimits.parseCpuWeight("cpu.weight", "10001"))
                .hasMessage("Invalid cpu.weight 10001: a CPU weight is 1 to 10000, 100 being the default (0 for none)");
    }

    @Test
    void aStartsLimitsOverrideTheTypesOneByOne() {
        ResourceLimits type = new ResourceLimits(1L << 30, 100, 0);

        assertThat(type.overriddenBy(new ResourceLimits(0, 10, 50))).isEqualTo(new ResourceLimits(1L << 30, 10, 50));
    }
}
