package io.shimhost.http.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.shimhost.api.NamespaceType;
import io.shimhost.api.ShimType;

/** A start request's fields become the start's parameters, as data; anything else is refused naming it. */
class StartBodyTest {

    @Test
    void everyFieldReachesTheStart() throws Exception {
        StartBody start = StartBody.of(Map.of("type", "kataShim", "id", "k1", "container", "c1", "url", "vsock://3:1",
                "detach", true, "pid", 42, "newNamespaces", List.of("net", "uts"),
                "enterNamespaces", Map.of("ipc", "pid:1"), "config", Map.of("debug", true, "path", "/bin/x"),
                "env", Map.of("A", "1")));

        assertThat(start.sandbox().shimType()).isEqualTo(ShimType.KATA);
        assertThat(start.sandbox().id()).isEqualTo("c1");
        assertThat(start.sandbox().shimConfig()).containsEntry("debug", "true").containsEntry("path", "/bin/x");
        assertThat(start.params().token()).isEqualTo("k1");
        assertThat(start.params().pid()).isEqualTo(42);
        assertThat(start.params().detach()).isTrue();
        assertThat(start.params().createNamespaces()).containsExactlyInAnyOrder(NamespaceType.NET, NamespaceType.UTS);
        assertThat(start.params().environment()).containsEntry("A", "1");
    }

    @Test
    void withoutContainerOrSandboxTheSandboxIsApi() throws Exception {
        assertThat(StartBody.of(Map.of("type", "noopShim")).sandbox().id()).isEqualTo("api");
    }

    @Test
    void anUnknownFieldIsRefusedNamingIt() {
        assertThatThrownBy(() -> StartBody.of(Map.of("type", "noopShim", "colour", "red")))
                .isInstanceOf(Problem.class).hasMessageStartingWith("Unknown field \"colour\"")
                .satisfies(p -> assertThat(((Problem) p).json()).contains("\"field\":\"colour\""));
    }

    @Test
    void aFieldOfAnotherTypeIsRefusedNamingItAndItsValue() {
        assertThatThrownBy(() -> StartBody.of(Map.of("type", "noopShim", "detach", "yes")))
                .isInstanceOf(Problem.class).hasMessage("Invalid detach \"yes\": expected true or false");
        assertThatThrownBy(() -> StartBody.of(Map.of("type", "noopShim", "env", Map.of("A", 1))))
                .isInstanceOf(Problem.class).hasMessage("Invalid env.A 1: expected a string");
        assertThatThrownBy(() -> StartBody.of(Map.of("type", "noopShim", "pid", -3)))
                .isInstanceOf(Problem.class).hasMessage("Invalid pid -3 for pid: a pid is a whole number, 0 or more");
    }

    @Test
    void theTypeIsRequired() {
        assertThatThrownBy(() -> StartBody.of(Map.of("id", "x"))).isInstanceOf(Problem.class)
                .hasMessageStartingWith("Field \"type\" is required");
    }

    @Test
    void aProblemIsRfc9457() {
        String json = Problem.badField("pid", "many", "Invalid pid").json();

        assertThat(json).isEqualTo("{\"type\":\"about:blank\",\"title\":\"Bad Request\",\"status\":400,"
                + "\"detail\":\"Invalid pid\",\"field\":\"pid\",\"value\":\"many\"}");
    }
}
