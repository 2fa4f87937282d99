package com.sizemotion.incidents.api.web;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class InstantRangeTest {

    @Test
    void holdsTheYears1970To9999() {
        assertThat(InstantRange.contains(Instant.parse("1970-01-01T00:00:00Z"))).isTrue();
        assertThat(InstantRange.contains(Instant.parse("2026-11-02T09:00:00Z"))).isTrue();
        assertThat(InstantRange.contains(Instant.parse("9999-12-31T23:59:59Z"))).isTrue();
    }

    @Test
    void leavesOutWhatPostgresqlOrIso8601WithFourDigitYearsCannotHold() {
        assertThat(InstantRange.contains(Instant.parse("1969-12-31T23:59:59Z"))).isFalse();
        assertThat(InstantRange.contains(Instant.parse("9999-12-31T23:59:59.000001Z"))).isFalse();
        assertThat(InstantRange.contains(Instant.parse("+294277-01-01T00:00:00Z"))).isFalse();
        assertThat(InstantRange.message("as of")).isEqualTo("The as of must be between 1970-01-01T00:00:00Z and 9999-12-31T23:59:59Z.");
    }
}
