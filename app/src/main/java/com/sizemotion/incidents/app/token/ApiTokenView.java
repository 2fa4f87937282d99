package com.sizemotion.incidents.app.token;

import java.time.Instant;
import java.util.List;

/** A token as the admin API shows it: everything but the secret. */
record ApiTokenView(long id, String name, String tokenPrefix, List<Long> teamIds, int rateLimitPerMinute,
                    Instant createdAt, Instant lastUsedAt, Instant expiresAt, Instant revokedAt,
                    boolean pagerdutySigningSecretSet) {

    static ApiTokenView of(ApiToken token, boolean pagerdutySigningSecretSet) {
        return new ApiTokenView(token.id(), token.name(), token.tokenPrefix(),
                token.teamIds() == null ? null : token.teamIds().stream().sorted().toList(),
                token.rateLimitPerMinute(), token.createdAt(), token.lastUsedAt(), token.expiresAt(),
                token.revokedAt(), pagerdutySigningSecretSet);
    }
}
