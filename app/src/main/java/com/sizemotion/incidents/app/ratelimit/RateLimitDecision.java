package com.sizemotion.incidents.app.ratelimit;

import java.time.Duration;

/**
 * The outcome of taking one request from a token's bucket.
 *
 * @param resetEpochSecond when the bucket will be full again (Unix time)
 * @param retryAfter       when refused: how long until the next request is allowed
 */
public record RateLimitDecision(boolean allowed, int limit, long remaining, long resetEpochSecond,
                                Duration retryAfter) {
}
