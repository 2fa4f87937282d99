package com.sizemotion.incidents.api.incident;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class SeverityTest {

    @ParameterizedTest
    @CsvSource({"1, SEV1, Sev 1", "2, SEV2, Sev 2", "3, SEV3, Sev 3", "4, SEV4, Sev 4"})
    void mapsEachLevelToItsSeverityAndLabel(int level, Severity severity, String label) {
        assertThat(Severity.ofLevel(level)).isEqualTo(severity);
        assertThat(severity.level()).isEqualTo(level);
        assertThat(severity.label()).isEqualTo(label);
    }

    @ParameterizedTest
    @ValueSource(ints = {Integer.MIN_VALUE, -1, 0, 5, Integer.MAX_VALUE})
    void rejectsLevelsOutsideOneToFour(int level) {
        assertThatIllegalArgumentException().isThrownBy(() -> Severity.ofLevel(level))
                .withMessageContaining(String.valueOf(level));
    }

    @Test
    void treatsLowerLevelAsMoreSevere() {
        assertThat(Severity.SEV1.isMoreSevereThan(Severity.SEV2)).isTrue();
        assertThat(Severity.SEV3.isMoreSevereThan(Severity.SEV4)).isTrue();
        assertThat(Severity.SEV2.isMoreSevereThan(Severity.SEV1)).isFalse();
        assertThat(Severity.SEV4.isMoreSevereThan(Severity.SEV1)).isFalse();
    }

    @Test
    void doesNotTreatASeverityAsMoreSevereThanItself() {
        for (Severity severity : Severity.values()) {
            assertThat(severity.isMoreSevereThan(severity)).isFalse();
        }
    }
}
