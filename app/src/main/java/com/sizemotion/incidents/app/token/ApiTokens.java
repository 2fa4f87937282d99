package com.sizemotion.incidents.app.token;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Issues, changes and revokes API tokens and recognises them on requests. A look-up of a token is
 * remembered for {@link #RECHECK_AFTER} so that a burst of requests costs one look-up, while a
 * change or revocation made on any node takes effect everywhere within that time (at once on the
 * node that made it). Requests that present the same token while it is being looked up wait for
 * that look-up instead of starting their own, so that a burst after a database outage cannot take
 * every connection of the pool for one question.
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
    /**
     * How long requests wait for another request's look-up, far longer than a look-up takes while
     * the database answers (a connection within the pool's time-out, then one query by key). A
     * look-up still running after that (a database that stopped answering without closing the
     * connection) no longer holds the others back: they are answered 503, and the next one tries anew.
     */
    static final Duration LOOKUP_PATIENCE = Duration.ofSeconds(10);
    private static final int CACHE_LIMIT = 10_000;

    /** A look-up of one token hash, started at {@code startedAt}; its answer once {@code result} completes. */
    private record Lookup(CompletableFuture<Optional<ApiToken>> result, Instant startedAt) {

        /** Done within {@link #RECHECK_AFTER} before {@code now}, or in progress for less than {@link #LOOKUP_PATIENCE}. */
        boolean answersAt(Instant now) {
            return !startedAt.plus(result.isDone() ? RECHECK_AFTER : LOOKUP_PATIENCE).isBefore(now);
        }

        /** The answer, if the look-up succeeded. */
        Optional<ApiToken> known() {
            return result.isDone() && !result.isCompletedExceptionally() ? result.join() : Optional.empty();
        }
    }

    private final ApiTokenRepository repository;
    private final LastUsedTracker lastUsed;
    private final Clock clock;
    private final ConcurrentHashMap<String, Lookup> lookups = new ConcurrentHashMap<>();

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
        Instant now = clock.instant();
        Optional<ApiToken> usable = lookUp(ApiTokenFormat.sha256Hex(presented), now).filter(token -> token.isUsableAt(now));
        usable.ifPresent(token -> lastUsed.record(token.id(), now.truncatedTo(ChronoUnit.SECONDS)));
        return usable;
    }

    /** Whether this node has recently found the text to name a usable token (no database lookup). */
    public boolean recognises(String presented) {
        if (!ApiTokenFormat.isWellFormed(presented)) {
            return false;
        }
        Lookup lookup = lookups.get(ApiTokenFormat.sha256Hex(presented));
        return lookup != null && lookup.known().filter(token -> token.isUsableAt(clock.instant())).isPresent();
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
        lookups.clear();
        return changed;
    }

    /** Revokes the token; repeating it changes nothing. */
    Optional<ApiToken> revoke(String id) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Optional<ApiToken> revoked = id(id).flatMap(tokenId -> repository.revoke(tokenId, now));
        lookups.clear();
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
     * The stored token with this SHA-256 hash: the answer of a look-up in progress or recent enough,
     * or of a new one. A failed look-up is forgotten at once, so that the next request tries again.
     * The database compares hashes, not tokens, so its timing tells nothing about a token's
     * characters; no second comparison is needed.
     */
    private Optional<ApiToken> lookUp(String hash, Instant now) {
        Lookup current = lookups.get(hash);
        if (current == null || !current.answersAt(now)) {
            if (lookups.size() > CACHE_LIMIT) {
                lookups.clear();
            }
            Lookup started = new Lookup(new CompletableFuture<>(), now);
            current = lookups.compute(hash, (h, existing) -> existing != null && existing.answersAt(now) ? existing : started);
            if (current == started) {
                try {
                    started.result().complete(repository.findByHash(hash));
                } catch (RuntimeException | Error e) {
                    lookups.remove(hash, started);
                    started.result().completeExceptionally(e);
                    throw e;
                }
            }
        }
        try {
            return current.result().get(LOOKUP_PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw (Error) e.getCause();
        } catch (TimeoutException e) {
            throw new DataAccessResourceFailureException("The database did not answer the look-up of an API token within "
                    + LOOKUP_PATIENCE.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DataAccessResourceFailureException("Interrupted while waiting for the look-up of an API token", e);
        }
    }
}
