package com.sizemotion.incidents.app.token;

import com.sizemotion.incidents.app.support.MutableClock;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

class ApiTokensTest {

    private static final String ISSUED_TOKEN = "inc_JCvlqlXP8g14klpkdfxBinUs1qCbTFb9DunOUd4W4EL0irezs";
    private static final String REQUEST_THREAD = "token-request";
    private static final Instant NOW = Instant.parse("2026-01-28T12:00:00Z");

    private final ApiTokenRepository repository = mock(ApiTokenRepository.class);
    private final LastUsedTracker lastUsed = mock(LastUsedTracker.class);
    private final MutableClock clock = new MutableClock(NOW);
    private final ApiTokens tokens = new ApiTokens(repository, lastUsed, clock);

    @ParameterizedTest
    @ValueSource(strings = {
            "ghp_JCvlqlXP8g14klpkdfxBinUs1qCbTFb9DunOUd4W4EL0irezs",
            "inc_JCvlqlXP8g14klpkdfxBinUs1qCbTFb9DunOUd4W4EL0irezt",
            "inc_KCvlqlXP8g14klpkdfxBinUs1qCbTFb9DunOUd4W4EL0irezs",
            "inc_JCvlqlXP8g14klpkdfxBinUs1qCbTFb9DunOUd4W4EL0irez",
            "inc_not-a-real-token",
            ""})
    void refusesAWrongPrefixLengthOrChecksumWithoutTouchingTheDatabase(String presented) {
        assertThat(tokens.authenticate(presented)).isEmpty();

        verifyNoInteractions(repository, lastUsed);
    }

    @Test
    void recognisesAStoredTokenAndRecordsItsUse() {
        ApiToken stored = stored(null, null);
        storedUnderItsHash(stored);

        assertThat(tokens.authenticate(ISSUED_TOKEN)).contains(stored);
        verify(lastUsed).record(stored.id(), NOW);
    }

    @Test
    void looksATokenUpOnceForABurstAndAgainAfterHalfASecond() {
        storedUnderItsHash(stored(null, null));

        tokens.authenticate(ISSUED_TOKEN);
        clock.advance(Duration.ofMillis(400));
        tokens.authenticate(ISSUED_TOKEN);
        verify(repository, times(1)).findByHash(anyString());

        clock.advance(Duration.ofMillis(200));
        tokens.authenticate(ISSUED_TOKEN);
        verify(repository, times(2)).findByHash(anyString());
    }

    @Test
    void noticesARevocationMadeOnAnotherNodeWithinASecond() {
        storedUnderItsHash(stored(null, null));
        assertThat(tokens.authenticate(ISSUED_TOKEN)).isPresent();

        storedUnderItsHash(stored(NOW, null));
        clock.advance(Duration.ofSeconds(1));

        assertThat(tokens.authenticate(ISSUED_TOKEN)).isEmpty();
    }

    @Test
    void refusesATokenFromTheMomentItExpires() {
        storedUnderItsHash(stored(null, NOW.plusSeconds(1)));
        assertThat(tokens.authenticate(ISSUED_TOKEN)).isPresent();

        clock.advance(Duration.ofSeconds(1));

        assertThat(tokens.authenticate(ISSUED_TOKEN)).isEmpty();
    }

    @Test
    void refusesAWellFormedTokenThatIsNotStored() {
        when(repository.findByHash(anyString())).thenReturn(Optional.empty());

        assertThat(tokens.authenticate(ApiTokenFormat.generate())).isEmpty();
        verifyNoInteractions(lastUsed);
    }

    @Test
    void forgetsWhatItRecognisedWhenThisNodeRevokesAToken() {
        storedUnderItsHash(stored(null, null));
        tokens.authenticate(ISSUED_TOKEN);
        when(repository.revoke(7L, NOW)).thenReturn(Optional.of(stored(NOW, null)));

        tokens.revoke("7");
        storedUnderItsHash(stored(NOW, null));

        assertThat(tokens.authenticate(ISSUED_TOKEN)).isEmpty();
    }

    @Test
    void collapsesSimultaneousLookUpsOfOneTokenIntoOne() throws Exception {
        ApiToken stored = stored(null, null);
        CountDownLatch lookingUp = new CountDownLatch(1);
        CountDownLatch databaseAnswers = new CountDownLatch(1);
        when(repository.findByHash(ApiTokenFormat.sha256Hex(ISSUED_TOKEN))).thenAnswer(invocation -> {
            lookingUp.countDown();
            databaseAnswers.await();
            return Optional.of(stored);
        });
        ExecutorService requests = Executors.newFixedThreadPool(20, runnable -> new Thread(runnable, REQUEST_THREAD));
        try {
            Future<Optional<ApiToken>> first = requests.submit(() -> tokens.authenticate(ISSUED_TOKEN));
            lookingUp.await();
            List<Future<Optional<ApiToken>>> others = new ArrayList<>();
            for (int i = 0; i < 19; i++) {
                others.add(requests.submit(() -> tokens.authenticate(ISSUED_TOKEN)));
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> threadsWaitingForAnotherLookUp() == 19);

            databaseAnswers.countDown();

            assertThat(first.get()).contains(stored);
            for (Future<Optional<ApiToken>> other : others) {
                assertThat(other.get()).contains(stored);
            }
            verify(repository, times(1)).findByHash(anyString());
        } finally {
            requests.shutdownNow();
        }
    }

    @Test
    void startsAFreshLookUpWhenAnotherHasHungForLongerThanItsPatience() throws Exception {
        CountDownLatch hung = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        when(repository.findByHash(ApiTokenFormat.sha256Hex(ISSUED_TOKEN)))
                .thenAnswer(invocation -> {
                    hung.countDown();
                    release.await();
                    return Optional.empty();
                })
                .thenReturn(Optional.of(stored(null, null)));
        ExecutorService requests = Executors.newSingleThreadExecutor();
        try {
            Future<Optional<ApiToken>> first = requests.submit(() -> tokens.authenticate(ISSUED_TOKEN));
            hung.await();
            clock.advance(ApiTokens.LOOKUP_PATIENCE.plusSeconds(1));

            assertThat(tokens.authenticate(ISSUED_TOKEN)).isPresent();
            verify(repository, times(2)).findByHash(anyString());
            release.countDown();
            first.get();
        } finally {
            requests.shutdownNow();
        }
    }

    @Test
    void forgetsAFailedLookUpSoThatTheNextRequestTriesAgain() {
        String hash = ApiTokenFormat.sha256Hex(ISSUED_TOKEN);
        when(repository.findByHash(hash))
                .thenThrow(new CannotGetJdbcConnectionException("database down"))
                .thenReturn(Optional.of(stored(null, null)));

        assertThatThrownBy(() -> tokens.authenticate(ISSUED_TOKEN)).isInstanceOf(CannotGetJdbcConnectionException.class);
        assertThat(tokens.recognises(ISSUED_TOKEN)).isFalse();

        assertThat(tokens.authenticate(ISSUED_TOKEN)).isPresent();
        verify(repository, times(2)).findByHash(hash);
    }

    @Test
    void findsNoTokenForAnIdThatIsNotANumber() {
        assertThat(tokens.find("abc")).isEmpty();
        assertThat(tokens.revoke("abc")).isEmpty();
        verifyNoInteractions(repository);
    }

    private static long threadsWaitingForAnotherLookUp() {
        return Thread.getAllStackTraces().entrySet().stream()
                .filter(thread -> thread.getKey().getName().equals(REQUEST_THREAD)
                        && thread.getKey().getState() == Thread.State.TIMED_WAITING
                        && Arrays.stream(thread.getValue()).anyMatch(frame -> frame.getClassName().equals(CompletableFuture.class.getName())))
                .count();
    }

    private void storedUnderItsHash(ApiToken token) {
        String hash = ApiTokenFormat.sha256Hex(ISSUED_TOKEN);
        when(repository.findByHash(hash)).thenReturn(Optional.of(token));
    }

    private static ApiToken stored(Instant revokedAt, Instant expiresAt) {
        return new ApiToken(7, "Datadog", "inc_JCvlqlXP", null, 60, 1, NOW.minusSeconds(3600), null, expiresAt, revokedAt);
    }
}
