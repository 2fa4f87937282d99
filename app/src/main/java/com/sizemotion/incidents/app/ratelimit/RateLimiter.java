package com.sizemotion.incidents.app.ratelimit;

import io.github.bucket4j.BandwidthBuilder;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * One Bucket4j token bucket per API token: capacity = the token's limit per minute, refilled
 * greedily over a minute. Where the buckets live is up to {@link Buckets}.
 */
public class RateLimiter {

    /** Finds a token's bucket, replacing its configuration when the limit has changed. */
    @FunctionalInterface
    public interface Buckets {
        Bucket bucket(long tokenId, int limitPerMinute, BucketConfiguration configuration);
    }

    private static final Duration WINDOW = Duration.ofMinutes(1);
    private static final long NANOS_PER_SECOND = TimeUnit.SECONDS.toNanos(1);

    private final Buckets buckets;
    private final Clock clock;

    public RateLimiter(Buckets buckets, Clock clock) {
        this.buckets = buckets;
        this.clock = clock;
    }

    public RateLimitDecision tryConsume(long tokenId, int limitPerMinute) {
        BucketConfiguration configuration = BucketConfiguration.builder()
                .addLimit(BandwidthBuilder.builder().capacity(limitPerMinute).refillGreedy(limitPerMinute, WINDOW).build())
                .build();
        ConsumptionProbe probe = buckets.bucket(tokenId, limitPerMinute, configuration).tryConsumeAndReturnRemaining(1);
        long retryAfter = probe.isConsumed() ? 0 : Math.max(1, secondsRoundedUp(probe.getNanosToWaitForRefill()));
        return new RateLimitDecision(probe.isConsumed(), limitPerMinute, probe.getRemainingTokens(),
                clock.instant().getEpochSecond() + secondsRoundedUp(probe.getNanosToWaitForReset()), retryAfter);
    }

    private static long secondsRoundedUp(long nanos) {
        return (nanos + NANOS_PER_SECOND - 1) / NANOS_PER_SECOND;
    }
}
