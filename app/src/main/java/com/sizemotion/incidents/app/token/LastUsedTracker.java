package com.sizemotion.incidents.app.token;

import jakarta.annotation.PreDestroy;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps {@code last_used_at} current without a write per request: each node remembers the latest
 * use of every token in memory and writes them all in one batch every
 * {@code incidents.api-tokens.last-used-flush-interval} and when it shuts down.
 */
@Component
public class LastUsedTracker {

    private final ApiTokenRepository repository;
    private final ConcurrentHashMap<Long, Instant> pending = new ConcurrentHashMap<>();

    LastUsedTracker(ApiTokenRepository repository) {
        this.repository = repository;
    }

    public void record(long tokenId, Instant usedAt) {
        pending.merge(tokenId, usedAt, (earlier, later) -> later.isAfter(earlier) ? later : earlier);
    }

    /** Writes what was recorded since the last flush; on failure it is kept for the next one. */
    @Scheduled(fixedDelayString = "${incidents.api-tokens.last-used-flush-interval}")
    @PreDestroy
    public void flush() {
        Map<Long, Instant> batch = new HashMap<>();
        for (Long tokenId : pending.keySet()) {
            Instant usedAt = pending.remove(tokenId);
            if (usedAt != null) {
                batch.put(tokenId, usedAt);
            }
        }
        if (batch.isEmpty()) {
            return;
        }
        try {
            repository.recordLastUsed(batch);
        } catch (RuntimeException e) {
            batch.forEach(this::record);
            throw e;
        }
    }
}
