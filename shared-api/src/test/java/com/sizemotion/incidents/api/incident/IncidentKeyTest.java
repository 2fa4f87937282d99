package com.sizemotion.incidents.api.incident;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class IncidentKeyTest {

    @Test
    void keepsTheStoredKeyFormatForExternalIds() {
        assertThat(IncidentKey.forExternalId(5, "datadog_alert_12345", 0)).isEqualTo(
                "incident-5-617953716c9e7bc27dd40f3abd0d70fc476fa2f607e79dffa7200ac39b22d681-g0");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 7, 42, Integer.MAX_VALUE})
    void readsTheGenerationBackFromTheKey(int generation) {
        assertThat(IncidentKey.generationOf(IncidentKey.forExternalId(5, "datadog_alert_12345", generation)))
                .isEqualTo(generation);
    }

    @Test
    void givesTheSameKeyForTheSameAlert() {
        assertThat(IncidentKey.forExternalId(5, "datadog_alert_12345", 1))
                .isEqualTo(IncidentKey.forExternalId(5, "datadog_alert_12345", 1));
    }

    @Test
    void givesDifferentKeysForDifferentExternalIds() {
        assertThat(IncidentKey.forExternalId(5, "datadog_alert_12345", 0))
                .isNotEqualTo(IncidentKey.forExternalId(5, "datadog_alert_12346", 0));
    }

    @Test
    void givesDifferentKeysForDifferentTeams() {
        assertThat(IncidentKey.forExternalId(5, "datadog_alert_12345", 0))
                .isNotEqualTo(IncidentKey.forExternalId(6, "datadog_alert_12345", 0));
    }

    @Test
    void givesDifferentKeysForDifferentGenerations() {
        assertThat(IncidentKey.forExternalId(5, "datadog_alert_12345", 0))
                .isNotEqualTo(IncidentKey.forExternalId(5, "datadog_alert_12345", 1));
    }

    @Test
    void givesEveryAlertWithoutExternalIdAKeyOfItsOwn() {
        String first = IncidentKey.unique();
        String second = IncidentKey.unique();

        assertThat(first).startsWith("incident-").isNotEqualTo(second);
    }

    @Test
    void treatsUniqueKeysAsGenerationZero() {
        assertThat(IncidentKey.generationOf(IncidentKey.unique())).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "incident-", "incident-5-abc-g3", "incident-5-datadog_alert_12345-g3"})
    void treatsForeignKeysAsGenerationZero(String key) {
        assertThat(IncidentKey.generationOf(key)).isZero();
    }
}
