package com.sizemotion.incidents.app.token;

import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Issues, changes and revokes API tokens and recognises them on requests. A recognised token is
 * remembered for {@link #RECHECK_AFTER} so that a burst of requests costs one lookup, while a
 * change or revocation made on any node takes effect everywhere within that time (at once on the
 * node that made it).
 */
@Service
public class ApiTokens {

    /** A new token: the plaintext exists only in this object, to be shown once. */
    public record IssuedToken(ApiToken token, String plaintext) {

        @Override
        public String toString() {
            return "IssuedToken[token=" + token + ", plaintext=(not shown)]";
        }
    }

    static final Duration RECHECK_AFTER = Duration.ofMillis(500);
    private static final int CACHE_LIMIT = 10_000;

    private record Recognised(Optional<ApiToken> token, Instant checkedAt) {
    }

    private final ApiTokenRepository repository;
    private final LastUsedTracker lastUsed;
    private final Clock clock;
    private final ConcurrentHashMap<String, Recognised> recognised = new ConcurrentHashMap<>();

    ApiTokens(ApiTokenRepository repository, LastUsedTracker lastUsed, Clock clock) {
        this.repository = repository;
        this.lastUsed = lastUsed;
        this.clock = clock;
    }

    public IssuedToken issue(String name, Set<Long> teamIds, int rateLimitPerMinute, Instant expiresAt) {
        return issue(new NewApiToken(name, teamIds, rateLimitPerMinute, expiresAt));
    }

    IssuedToken issue(NewApiToken token) {
        String plaintext = ApiTokenFormat.generate();
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        long id = repository.insert(ApiTokenFormat.sha256Hex(plaintext), ApiTokenFormat.displayPrefix(plaintext),
                token, now);
        return new IssuedToken(repository.findById(id).orElseThrow(), plaintext);
    }

    /**
     * The usable token that the text names, if any, recording its use. Malformed text (wrong
     * prefix, length, alphabet or checksum) never reaches the database.
     */
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
            entry = new Recognised(lookUp(hash), now);
            recognised.put(hash, entry);
        }
        Optional<ApiToken> usable = entry.token().filter(token -> token.isUsableAt(now));
        usable.ifPresent(token -> lastUsed.record(token.id(), now.truncatedTo(ChronoUnit.SECONDS)));
        return usable;
    }

    /** Whether this node has recently found the text to name a usable token (no database lookup). */
    public boolean recognises(String presented) {
        if (!ApiTokenFormat.isWellFormed(presented)) {
            return false;
        }
        Recognised entry = recognised.get(ApiTokenFormat.sha256Hex(presented));
        return entry != null && entry.token().filter(token -> token.isUsableAt(clock.instant())).isPresent();
    }

    List<ApiToken> all() {
        return repository.findAll();
    }

    /** The token with this id; an id that is not a number names no token. */
    Optional<ApiToken> find(String id) {
        return id(id).flatMap(repository::findById);
    }

    Optional<ApiToken> change(String id, ApiTokenChanges changes) {
        Optional<ApiToken> changed = id(id).flatMap(tokenId -> repository.update(tokenId, changes::applyTo));
        recognised.clear();
        return changed;
    }

    /** Revokes the token; repeating it changes nothing. */
    Optional<ApiToken> revoke(String id) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Optional<ApiToken> revoked = id(id).flatMap(tokenId -> repository.revoke(tokenId, now));
        recognised.clear();
        return revoked;
    }

    private static Optional<Long> id(String id) {
        try {
            return Optional.of(Long.parseLong(id));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /**
     * The stored token with this SHA-256 hash. The database compares hashes, not tokens, so its
     * timing tells nothing about a token's characters; no second comparison is needed.
     */
    private Optional<ApiToken> lookUp(String hash) {
        return repository.findByHash(hash);
    }
}
