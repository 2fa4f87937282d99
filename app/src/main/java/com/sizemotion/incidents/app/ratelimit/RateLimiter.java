package com.sizemotion.incidents.app.ratelimit;

import io.github.bucket4j.BandwidthBuilder;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TokensInheritanceStrategy;
import io.github.bucket4j.distributed.proxy.BucketNotFoundException;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * One Bucket4j token bucket per API token: capacity = the token's limit per minute, refilled
 * greedily over a minute. Where the buckets live is up to {@link Buckets}.
 */
public class RateLimiter {

    /**
     * When a limit changes, a raised limit grants its extra requests at once and a lowered one
     * caps what is left at the new capacity.
     */
    static final TokensInheritanceStrategy ON_LIMIT_CHANGE = TokensInheritanceStrategy.ADDITIVE;

    /**
     * Finds a token's bucket. A bucket stored with an older {@code configurationVersion} takes
     * {@code configuration} over (with {@link #ON_LIMIT_CHANGE}); a newer one stays as it is.
     */
    public interface Buckets {
        Bucket bucket(long tokenId, long configurationVersion, BucketConfiguration configuration);

        /** Drops {@code failed} if it is still the token's bucket, so that the next {@link #bucket} starts afresh. */
        void forget(long tokenId, Bucket failed);
    }

    private static final Duration WINDOW = Duration.ofMinutes(1);
    private static final long NANOS_PER_SECOND = TimeUnit.SECONDS.toNanos(1);
    private static final int FRESH_BUCKET_ATTEMPTS = 5;

    private final Buckets buckets;
    private final Clock clock;

    public RateLimiter(Buckets buckets, Clock clock) {
        this.buckets = buckets;
        this.clock = clock;
    }

    public RateLimitDecision tryConsume(long tokenId, int limitPerMinute, long limitVersion) {
        BucketConfiguration configuration = BucketConfiguration.builder()
                .addLimit(BandwidthBuilder.builder().capacity(limitPerMinute).refillGreedy(limitPerMinute, WINDOW).build())
                .build();
        ConsumptionProbe probe = consume(tokenId, limitVersion, configuration);
        return new RateLimitDecision(probe.isConsumed(), limitPerMinute, probe.getRemainingTokens(),
                clock.instant().getEpochSecond() + secondsRoundedUp(probe.getNanosToWaitForReset()),
                Duration.ofNanos(probe.isConsumed() ? 0 : probe.getNanosToWaitForRefill()));
    }

    /**
     * The row of a fresh bucket can vanish again before its first batch (an operator clearing the
     * table under load), so a vanished bucket is started afresh a few times before giving up.
     */
    private ConsumptionProbe consume(long tokenId, long limitVersion, BucketConfiguration configuration) {
        for (int attempt = 1; ; attempt++) {
            Bucket bucket = buckets.bucket(tokenId, limitVersion, configuration);
            try {
                return bucket.tryConsumeAndReturnRemaining(1);
            } catch (RuntimeException e) {
                if (!bucketVanished(e) || attempt == FRESH_BUCKET_ATTEMPTS) {
                    throw e;
                }
                buckets.forget(tokenId, bucket);
            }
        }
    }

    /** Someone deleted the bucket's row: a batch of requests cannot create it again, a fresh bucket can. */
    private static boolean bucketVanished(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof BucketNotFoundException) {
                return true;
            }
        }
        return false;
    }

    private static long secondsRoundedUp(long nanos) {
        return (nanos + NANOS_PER_SECOND - 1) / NANOS_PER_SECOND;
    }
}
