package io.shimhost.metrics.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ScrapeAddressTest {

    @Test
    void aHostAndPortAreParsed() {
        ScrapeAddress address = ScrapeAddress.parse("127.0.0.1:9464");

        assertThat(address.host().getHostAddress()).isEqualTo("127.0.0.1");
        assertThat(address.port()).isEqualTo(9464);
    }

    @Test
    void anIpv6AddressGoesInBrackets() {
        assertThat(ScrapeAddress.parse("[::1]:9464").toString()).isEqualTo("[0:0:0:0:0:0:0:1]:9464");
        assertThatThrownBy(() -> ScrapeAddress.parse("::1:9464")).hasMessageContaining("'::1:9464'")
                .hasMessageContaining("in brackets");
    }

    @Test
    void aValueWithoutAPortIsRefusedByName() {
        assertThatThrownBy(() -> ScrapeAddress.parse("localhost"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Metrics address 'localhost' in io.shimhost.metrics cannot be served: it is not HOST:PORT "
                        + "(for example address = 127.0.0.1:9464)");
    }

    @Test
    void aPortOutOfRangeIsRefused() {
        assertThatThrownBy(() -> ScrapeAddress.parse("127.0.0.1:70000")).hasMessageContaining("'127.0.0.1:70000'")
                .hasMessageContaining("between 0 and 65535");
        assertThatThrownBy(() -> ScrapeAddress.parse("127.0.0.1:http")).hasMessageContaining("not a number");
    }
}
