package com.sizemotion.incidents.app.ratelimit;

import com.sizemotion.incidents.app.support.MutableClock;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.proxy.BucketNotFoundException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.lang.reflect.Proxy;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class RateLimiterTest {

    private static final Instant NOW = Instant.parse("2026-01-28T12:00:00Z");
    private static final long TOKEN = 42;

    private final MutableClock clock = new MutableClock(NOW);
    private final RateLimiter limiter = new RateLimiter(new TokenBuckets(RateLimitConfiguration.inMemoryBuckets(new ClockTimeMeter(clock))), clock);

    @Test
    void allowsTheLimitWithinAMinuteAndRefusesTheNextRequest() {
        IntStream.rangeClosed(1, 60).forEach(i -> {
            RateLimitDecision decision = limiter.tryConsume(TOKEN, 60, 1);
            assertThat(decision.allowed()).isTrue();
            assertThat(decision.remaining()).isEqualTo(60 - i);
        });

        RateLimitDecision refused = limiter.tryConsume(TOKEN, 60, 1);

        assertThat(refused.allowed()).isFalse();
        assertThat(refused.limit()).isEqualTo(60);
        assertThat(refused.remaining()).isZero();
        assertThat(refused.retryAfter()).isEqualTo(Duration.ofSeconds(1));
        assertThat(refused.resetEpochSecond()).isEqualTo(NOW.plusSeconds(60).getEpochSecond());
    }

    @Test
    void refillsGreedilyOverTheMinute() {
        exhaust(5, 1);

        clock.advance(Duration.ofSeconds(12));

        assertThat(limiter.tryConsume(TOKEN, 5, 1).allowed()).isTrue();
        assertThat(limiter.tryConsume(TOKEN, 5, 1).allowed()).isFalse();
    }

    @Test
    void grantsARaisedLimitAtOnce() {
        exhaust(5, 1);

        RateLimitDecision raised = limiter.tryConsume(TOKEN, 10, 2);

        assertThat(raised.allowed()).isTrue();
        assertThat(raised.limit()).isEqualTo(10);
        assertThat(raised.remaining()).isEqualTo(4);
    }

    @Test
    void capsWhatIsLeftWhenTheLimitIsLowered() {
        limiter.tryConsume(TOKEN, 60, 1);

        RateLimitDecision lowered = limiter.tryConsume(TOKEN, 5, 2);

        assertThat(lowered.remaining()).isEqualTo(4);
    }

    @Test
    void appliesALimitThatReturnsToAnEarlierValue() {
        limiter.tryConsume(TOKEN, 5, 1);
        limiter.tryConsume(TOKEN, 60, 2);

        RateLimitDecision back = limiter.tryConsume(TOKEN, 5, 3);

        assertThat(back.remaining()).isEqualTo(4);
        assertThat(back.limit()).isEqualTo(5);
    }

    @Test
    void keepsTheNewerLimitWhenANodeStillKnowsTheOlderOne() {
        exhaust(5, 1);
        limiter.tryConsume(TOKEN, 10, 2);

        RateLimitDecision stale = limiter.tryConsume(TOKEN, 5, 1);

        assertThat(stale.allowed()).isTrue();
        assertThat(stale.remaining()).isEqualTo(3);
    }

    /** Uses the bucket up; the clock stands still, so this ends. */
    @Test
    void startsAFreshBucketAgainWhenTheFreshOneVanishesToo() {
        RateLimiter.Buckets inMemory = new TokenBuckets(RateLimitConfiguration.inMemoryBuckets(new ClockTimeMeter(clock)));
        AtomicInteger vanishedBuckets = new AtomicInteger();
        RateLimiter.Buckets vanishingTwice = new RateLimiter.Buckets() {
            @Override
            public Bucket bucket(long tokenId, long configurationVersion, BucketConfiguration configuration) {
                return vanishedBuckets.get() < 2 ? vanished(vanishedBuckets) : inMemory.bucket(tokenId, configurationVersion, configuration);
            }

            @Override
            public void forget(long tokenId, Bucket failed) {
            }
        };

        RateLimitDecision decision = new RateLimiter(vanishingTwice, clock).tryConsume(TOKEN, 60, 1);

        assertThat(vanishedBuckets).hasValue(2);
        assertThat(decision.allowed()).isTrue();
    }

    /** A bucket whose row someone deleted: every use fails as Bucket4j's PostgreSQL proxy does. */
    private static Bucket vanished(AtomicInteger uses) {
        return (Bucket) Proxy.newProxyInstance(Bucket.class.getClassLoader(), new Class<?>[]{Bucket.class}, (proxy, method, args) -> {
            uses.incrementAndGet();
            throw new BucketNotFoundException();
        });
    }

    private void exhaust(int limit, long version) {
        boolean allowed = true;
        while (allowed) {
            allowed = limiter.tryConsume(TOKEN, limit, version).allowed();
        }
    }
}
