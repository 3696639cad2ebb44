package io.shimhost.health.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.StreamSupport;

import org.apache.felix.hc.api.Result;
import org.junit.jupiter.api.Test;

import io.shimhost.api.audit.CheckResult;

class SelfCheckResultTest {

    private static Result health(CheckResult... results) {
        return new SelfCheckResult(() -> List.of(results)).execute();
    }

    private static List<String> lines(Result result) {
        return StreamSupport.stream(result.spliterator(), false).map(e -> e.getStatus() + " " + e.getMessage()).toList();
    }

    @Test
    void checksThatHoldAreOk() {
        Result result = health(new CheckResult("table", true, List.of()), new CheckResult("lost", false, List.of()));

        assertThat(result.getStatus()).isEqualTo(Result.Status.OK);
        assertThat(lines(result)).containsExactly("OK table: ok", "OK lost: ok");
    }

    @Test
    void aProblemThatCannotLoseShimsIsAWarning() {
        Result result = health(new CheckResult("table", true, List.of()),
                new CheckResult("lost", false, List.of("shim s1 (pid 42) is lost")));

        assertThat(result.getStatus()).isEqualTo(Result.Status.WARN);
        assertThat(lines(result)).containsExactly("OK table: ok", "WARN lost: shim s1 (pid 42) is lost");
    }

    @Test
    void aProblemThatCanLoseShimsIsCriticalAndNamesTheCulprit() {
        Result result = health(new CheckResult("supervisor", true, List.of("thread shimhost-supervisor has ended")),
                new CheckResult("lost", false, List.of("shim s1 is lost")));

        assertThat(result.getStatus()).isEqualTo(Result.Status.CRITICAL);
        assertThat(lines(result)).containsExactly("CRITICAL supervisor: thread shimhost-supervisor has ended",
                "WARN lost: shim s1 is lost");
    }
}
