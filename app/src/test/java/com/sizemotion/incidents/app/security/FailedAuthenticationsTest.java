package com.sizemotion.incidents.app.security;

import com.sizemotion.incidents.app.support.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class FailedAuthenticationsTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-28T12:00:00Z"));
    private final FailedAuthentications failures = new FailedAuthentications(20, clock);

    @Test
    void refusesAnAddressAfterTwentyFailuresWithinAMinute() {
        for (int i = 0; i < 19; i++) {
            failures.record("203.0.113.7");
        }
        assertThat(failures.refusal("203.0.113.7")).isEmpty();

        failures.record("203.0.113.7");

        assertThat(failures.refusal("203.0.113.7")).contains(Duration.ofSeconds(3));
    }

    @Test
    void letsTheAddressTryAgainAsTheBucketRefills() {
        for (int i = 0; i < 20; i++) {
            failures.record("203.0.113.7");
        }

        clock.advance(Duration.ofSeconds(3));

        assertThat(failures.refusal("203.0.113.7")).isEmpty();
    }

    @Test
    void countsEachAddressOnItsOwn() {
        for (int i = 0; i < 20; i++) {
            failures.record("203.0.113.7");
        }

        assertThat(failures.refusal("198.51.100.1")).isEmpty();
    }
}
