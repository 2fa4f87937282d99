package com.sizemotion.incidents.app.token;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.reset;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;

class LastUsedTrackerTest {

    private static final Instant T0 = Instant.parse("2026-01-28T12:00:00Z");

    private final ApiTokenRepository repository = mock(ApiTokenRepository.class);
    private final LastUsedTracker tracker = new LastUsedTracker(repository);

    @Test
    void writesTheLatestUseOfEveryTokenInOneBatch() {
        tracker.record(1, T0.plusSeconds(5));
        tracker.record(1, T0);
        tracker.record(2, T0.plusSeconds(1));

        tracker.flush();

        verify(repository).recordLastUsed(Map.of(1L, T0.plusSeconds(5), 2L, T0.plusSeconds(1)));
    }

    @Test
    void writesNothingWhenNoTokenWasUsed() {
        tracker.record(1, T0);
        tracker.flush();
        reset(repository);

        tracker.flush();

        verifyNoInteractions(repository);
    }

    @Test
    void keepsTheUsesForTheNextFlushWhenTheDatabaseFails() {
        tracker.record(1, T0);
        doThrow(new IllegalStateException("database down")).when(repository).recordLastUsed(any());
        assertThatThrownBy(tracker::flush).hasMessage("database down");
        reset(repository);

        tracker.flush();

        verify(repository).recordLastUsed(Map.of(1L, T0));
    }
}
