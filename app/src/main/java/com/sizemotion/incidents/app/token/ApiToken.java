package com.sizemotion.incidents.app.token;

import java.time.Instant;
import java.util.Set;

/**
 * An API token as stored: never the secret, only its hash.
 *
 * @param teamIds      the teams it may act on; {@code null} for every team
 * @param limitVersion raised on every change of the rate limit, so that buckets pick the change up
 */
public record ApiToken(
        long id,
        String name,
        String tokenPrefix,
        Set<Long> teamIds,
        int rateLimitPerMinute,
        long limitVersion,
        Instant createdAt,
        Instant lastUsedAt,
        Instant expiresAt,
        Instant revokedAt) {

    public enum Status { ACTIVE, REVOKED, EXPIRED }

    public Status statusAt(Instant now) {
        if (revokedAt != null) {
            return Status.REVOKED;
        }
        return expiresAt != null && !now.isBefore(expiresAt) ? Status.EXPIRED : Status.ACTIVE;
    }

    public boolean isUsableAt(Instant now) {
        return statusAt(now) == Status.ACTIVE;
    }
}
