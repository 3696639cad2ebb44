package io.shimhost.api.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.shimhost.api.InvalidParameterException;

/** What {@code shim:events --since} takes: a time, or how long ago. */
class SinceTest {

    private static final Instant NOW = Instant.parse("2026-12-07T15:00:00Z");

    @Test
    void aTimeIsTakenAsItIs() throws Exception {
        assertThat(Since.parse("--since", "2026-12-07T14:30:00.5Z", NOW)).isEqualTo(Instant.parse("2026-12-07T14:30:00.5Z"));
    }

    @Test
    void secondsMinutesHoursAndDaysCountBackFromNow() throws Exception {
        assertThat(Since.parse("--since", "30s", NOW)).isEqualTo(NOW.minusSeconds(30));
        assertThat(Since.parse("--since", "10m", NOW)).isEqualTo(NOW.minusSeconds(600));
        assertThat(Since.parse("--since", "2h", NOW)).isEqualTo(NOW.minusSeconds(7200));
        assertThat(Since.parse("--since", "1d", NOW)).isEqualTo(NOW.minusSeconds(86_400));
    }

    @Test
    void anythingElseIsRefusedNamingTheValue() {
        assertThatThrownBy(() -> Since.parse("--since", "yesterday", NOW)).isInstanceOf(InvalidParameterException.class)
                .hasMessage("Invalid --since \"yesterday\": give a time, such as 2026-12-07T15:00:00Z, or how long ago: 30s, 10m, 2h, 1d");
    }
}
