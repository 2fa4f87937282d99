package com.sizemotion.incidents.app.ratelimit;

/**
 * The outcome of taking one request from a token's bucket.
 *
 * @param resetEpochSecond   when the bucket will be full again (Unix time)
 * @param retryAfterSeconds  when refused: how long until the next request is allowed
 */
public record RateLimitDecision(boolean allowed, int limit, long remaining, long resetEpochSecond,
                                long retryAfterSeconds) {
}
