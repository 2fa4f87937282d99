package com.sizemotion.incidents.app.token;

import java.time.Instant;
import java.util.Set;

/**
 * An API token as stored: never the secret, only its hash.
 *
 * @param teamIds the teams it may act on; {@code null} for every team
 */
public record ApiToken(
        long id,
        String name,
        String tokenPrefix,
        Set<Long> teamIds,
        int rateLimitPerMinute,
        Instant createdAt,
        Instant lastUsedAt,
        Instant expiresAt,
        Instant revokedAt) {

    public boolean isUsableAt(Instant now) {
        return revokedAt == null && (expiresAt == null || now.isBefore(expiresAt));
    }
}
