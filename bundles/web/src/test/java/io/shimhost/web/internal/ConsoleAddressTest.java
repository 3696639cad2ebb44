package io.shimhost.web.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class ConsoleAddressTest {

    @Test
    void aLoopbackAddressAndPortAreTaken() {
        ConsoleAddress address = ConsoleAddress.parse("127.0.0.1:8181");

        assertThat(address.host().getHostAddress()).isEqualTo("127.0.0.1");
        assertThat(address.port()).isEqualTo(8181);
        assertThat(address.hosts()).containsExactly("127.0.0.1:8181", "localhost:8181");
    }

    @Test
    void localhostAndTheV6LoopbackAreLoopbackToo() {
        assertThat(ConsoleAddress.parse("localhost:9000").host().isLoopbackAddress()).isTrue();
        assertThat(ConsoleAddress.parse("[::1]:9000").hosts()).containsExactly("[::1]:9000", "localhost:9000");
    }

    @Test
    void anAddressOtherThanLoopbackIsRefusedByName() {
        assertThatIllegalArgumentException().isThrownBy(() -> ConsoleAddress.parse("0.0.0.0:8181"))
                .withMessage("Invalid address \"0.0.0.0:8181\" in io.shimhost.web: the web console listens on a loopback "
                        + "address only (127.0.0.1, [::1], localhost)");
        assertThatIllegalArgumentException().isThrownBy(() -> ConsoleAddress.parse("192.168.1.4:8181"))
                .withMessageContaining("\"192.168.1.4:8181\"");
    }

    @Test
    void aHostNameIsRefusedRatherThanLookedUp() {
        assertThatIllegalArgumentException().isThrownBy(() -> ConsoleAddress.parse("example.org:8181"))
                .withMessageContaining("the host must be 127.0.0.1, [::1] or localhost");
    }

    @Test
    void aMissingOrBadPortIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> ConsoleAddress.parse("127.0.0.1"))
                .withMessageContaining("give HOST:PORT");
        assertThatIllegalArgumentException().isThrownBy(() -> ConsoleAddress.parse("127.0.0.1:http"))
                .withMessageContaining("the port must be a number from 1 to 65535");
        assertThatIllegalArgumentException().isThrownBy(() -> ConsoleAddress.parse("127.0.0.1:70000"))
                .withMessageContaining("the port must be a number from 1 to 65535");
    }

    @Test
    void theConsolesOwnHostAndOriginAreKnownAndOthersAreNot() {
        ConsoleAddress address = ConsoleAddress.parse("127.0.0.1:8181");

        assertThat(address.isHost("127.0.0.1:8181")).isTrue();
        assertThat(address.isHost("LOCALHOST:8181")).isTrue();
        assertThat(address.isHost("rebound.example:8181")).isFalse();
        assertThat(address.isHost("127.0.0.1:8182")).isFalse();
        assertThat(address.isHost(null)).isFalse();
        assertThat(address.isOrigin("http://127.0.0.1:8181")).isTrue();
        assertThat(address.isOrigin("http://attacker.example")).isFalse();
        assertThat(address.isOrigin("null")).isFalse();
    }
}
