package com.sizemotion.incidents.command.incident;

import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LostRaceRetryTest {

    private final LostRaceRetry retry = new LostRaceRetry(3, Duration.ZERO);
    private final AtomicInteger attempts = new AtomicInteger();

    @Test
    void answersTheFirstSuccessfulAttempt() {
        assertThat(retry.run(() -> attempts.incrementAndGet())).isEqualTo(1);
    }

    @Test
    void triesAgainAfterEachKindOfLostRace() {
        List<RuntimeException> lostRaces = List.of(new ConcurrencyException("appended by another writer"),
                new AggregateStreamCreationException("created by another writer"),
                new DuplicateKeyException("lookup row claimed", new SQLException("duplicate key", "23505")));
        for (RuntimeException lostRace : lostRaces) {
            attempts.set(0);
            String answer = retry.run(() -> {
                if (attempts.incrementAndGet() == 1) {
                    throw lostRace;
                }
                return "written";
            });
            assertThat(answer).as(lostRace.toString()).isEqualTo("written");
            assertThat(attempts).as(lostRace.toString()).hasValue(2);
        }
    }

    @Test
    void failsAtOnceOnAnyOtherError() {
        IllegalStateException failure = new IllegalStateException("not a race");

        assertThatThrownBy(() -> retry.run(() -> {
            attempts.incrementAndGet();
            throw failure;
        })).isSameAs(failure);
        assertThat(attempts).hasValue(1);
    }

    @Test
    void givesUpAfterTheLastLostRaceWithA503ThatAsksToRetry() {
        ConcurrencyException lastLostRace = new ConcurrencyException("appended by another writer");

        assertThatThrownBy(() -> retry.run(() -> {
            attempts.incrementAndGet();
            throw lastLostRace;
        })).isInstanceOfSatisfying(ContendedWriteException.class, e -> {
            assertThat(e.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
            assertThat(e.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("1");
            assertThat(e.getBody().getDetail()).isEqualTo(ContendedWriteException.MESSAGE);
            assertThat(e.getCause()).isSameAs(lastLostRace);
        });
        assertThat(attempts).hasValue(3);
    }

    @Test
    void givesUpWhenWhatTheAttemptReadKeepsChanging() {
        assertThatThrownBy(() -> retry.runUntilDone(() -> {
            attempts.incrementAndGet();
            return Optional.empty();
        })).isInstanceOf(ContendedWriteException.class);
        assertThat(attempts).hasValue(3);
    }
}
