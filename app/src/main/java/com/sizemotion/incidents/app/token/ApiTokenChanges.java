package com.sizemotion.incidents.app.token;

import java.util.Set;

/**
 * A validated change of a token's name, team scope or rate limit; {@code null} leaves a value as it is.
 *
 * @param changesScope whether {@code teamIds} applies: then {@code null} means every team
 */
record ApiTokenChanges(String name, boolean changesScope, Set<Long> teamIds, Integer rateLimitPerMinute,
                       boolean changesSigningSecret, String signingSecret) {

    ApiToken applyTo(ApiToken token) {
        int limit = rateLimitPerMinute == null ? token.rateLimitPerMinute() : rateLimitPerMinute;
        long limitVersion = limit == token.rateLimitPerMinute() ? token.limitVersion() : token.limitVersion() + 1;
        return new ApiToken(token.id(), name == null ? token.name() : name, token.tokenPrefix(),
                changesScope ? teamIds : token.teamIds(), limit, limitVersion, token.createdAt(), token.lastUsedAt(),
                token.expiresAt(), token.revokedAt());
    }
}
