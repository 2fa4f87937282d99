package com.sizemotion.incidents.app.security;

import com.sizemotion.incidents.app.ratelimit.ClockTimeMeter;
import io.github.bucket4j.BandwidthBuilder;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.EstimationProbe;
import io.github.bucket4j.TimeMeter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Brute-force protection: a Bucket4j bucket of {@code incidents.security.failed-authentications-per-minute}
 * failures per client address. Once an address has used them up it is refused before its
 * credentials are even looked at, until the bucket refills. Successful authentications cost
 * nothing. Kept in memory on each node, so that a flood of malformed tokens never reaches the
 * database; the least recently seen addresses are forgotten beyond {@link #ADDRESSES_TRACKED}.
 */
@Component
class FailedAuthentications {

    private static final int ADDRESSES_TRACKED = 10_000;
    private static final Duration WINDOW = Duration.ofMinutes(1);

    private final int perMinute;
    private final TimeMeter time;
    private final Map<String, Bucket> byAddress = Collections.synchronizedMap(
            new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
                    return size() > ADDRESSES_TRACKED;
                }
            });

    FailedAuthentications(@Value("${incidents.security.failed-authentications-per-minute}") int perMinute,
                          Clock clock) {
        this.perMinute = perMinute;
        this.time = new ClockTimeMeter(clock);
    }

    /** How long the address must wait before it may try again, if it has failed too often. */
    Optional<Duration> refusal(String address) {
        Bucket bucket = byAddress.get(address);
        if (bucket == null) {
            return Optional.empty();
        }
        EstimationProbe estimate = bucket.estimateAbilityToConsume(1);
        return estimate.canBeConsumed() ? Optional.empty() : Optional.of(Duration.ofNanos(estimate.getNanosToWaitForRefill()));
    }

    void record(String address) {
        byAddress.computeIfAbsent(address, a -> Bucket.builder().withCustomTimePrecision(time)
                .addLimit(BandwidthBuilder.builder().capacity(perMinute).refillGreedy(perMinute, WINDOW).build())
                .build()).tryConsume(1);
    }
}
