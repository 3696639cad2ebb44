package io.shimhost.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;


class SignalsTest {

    @ParameterizedTest
    @CsvSource({"TERM,15", "SIGTERM,15", "term,15", "15,15", "KILL,9", "SIGHUP,1", "USR1,10", "SYS,31", "64,64"})
    void namesWithOrWithoutSigAndNumbersAreAccepted(String text, int number) throws Exception {
        assertThat(Signals.parse(text)).isEqualTo(number);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "0", "65", "TERMINATE", "SIG", "-9", "1.5"})
    void anythingElseIsRefusedNamingTheValue(String text) {
        assertThatThrownBy(() -> Signals.parse(text)).isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("\"" + text + "\"");
    }

    @ParameterizedTest
    @CsvSource({"9,SIGKILL", "15,SIGTERM", "40,signal 40"})
    void numbersPrintAsNames(int number, String name) {
        assertThat(Signals.name(number)).isEqualTo(name);
    }
}
