package com.sizemotion.incidents.app.token;

import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Issues API tokens and recognises them on requests. A recognised token is remembered for
 * {@link #RECHECK_AFTER} so that a burst of requests costs one lookup, while a revocation still
 * takes effect on every node within that time.
 */
@Service
public class ApiTokens {

    /** A new token: the plaintext exists only in this object, to be shown once. */
    public record IssuedToken(ApiToken token, String plaintext) {
    }

    static final Duration RECHECK_AFTER = Duration.ofMillis(500);
    private static final int CACHE_LIMIT = 10_000;

    private record Recognised(Optional<ApiToken> token, Instant checkedAt) {
    }

    private final ApiTokenRepository repository;
    private final Clock clock;
    private final ConcurrentHashMap<String, Recognised> recognised = new ConcurrentHashMap<>();

    ApiTokens(ApiTokenRepository repository, Clock clock) {
        this.repository = repository;
        this.clock = clock;
    }

    public IssuedToken issue(String name, Set<Long> teamIds, int rateLimitPerMinute, Instant expiresAt) {
        String plaintext = ApiTokenFormat.generate();
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        long id = repository.insert(name, ApiTokenFormat.sha256Hex(plaintext), ApiTokenFormat.displayPrefix(plaintext),
                teamIds, rateLimitPerMinute, now, expiresAt);
        return new IssuedToken(repository.findById(id).orElseThrow(), plaintext);
    }

    /** The usable token that the text names, if any. Malformed text never reaches the database. */
    public Optional<ApiToken> authenticate(String presented) {
        if (!ApiTokenFormat.isWellFormed(presented)) {
            return Optional.empty();
        }
        String hash = ApiTokenFormat.sha256Hex(presented);
        Instant now = clock.instant();
        Recognised entry = recognised.get(hash);
        if (entry == null || entry.checkedAt().plus(RECHECK_AFTER).isBefore(now)) {
            if (recognised.size() > CACHE_LIMIT) {
                recognised.clear();
            }
            entry = new Recognised(repository.findByHash(hash), now);
            recognised.put(hash, entry);
        }
        return entry.token().filter(token -> token.isUsableAt(now));
    }
}
