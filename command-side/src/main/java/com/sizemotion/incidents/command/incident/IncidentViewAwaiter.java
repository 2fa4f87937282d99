package com.sizemotion.incidents.command.incident;

import com.sizemotion.incidents.api.incident.FindIncidentQuery;
import com.sizemotion.incidents.api.incident.IncidentView;
import com.sizemotion.incidents.api.incident.IncidentViewUpdated;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Waits, for a bounded time, until the read model shows an incident at least at a given version
 * and with its on-call assignment no longer pending, so that a client that was just answered can
 * read its own write and sees whom the incident went to. The projection of this node says when it
 * committed a change and what it wrote ({@link IncidentViewUpdated}), so the common case costs no
 * read at all; re-reading every {@value #REREAD_MILLIS} ms covers projections that run on another
 * node. All blocking happens on the caller's thread.
 */
@Component
class IncidentViewAwaiter {

    private static final long REREAD_MILLIS = 200;
    /** Views are up to ~20 kB (metadata is capped at 16 kB): this bounds the memory at a few tens of MB. */
    private static final int REMEMBERED_INCIDENTS = 2_000;

    /** What this node's projection committed last for an incident; {@code view} is null when it wrote nothing. */
    private record Committed(long version, IncidentView view) {
    }

    private final QueryGateway queryGateway;
    /** The newest change this node's projection committed, per incident (recent ones only). */
    private final ConcurrentHashMap<Long, Committed> committed = new ConcurrentHashMap<>();
    /** Completed, and dropped, at the next commit of the incident's view. */
    private final ConcurrentHashMap<Long, CompletableFuture<Void>> nextCommit = new ConcurrentHashMap<>();

    IncidentViewAwaiter(QueryGateway queryGateway) {
        this.queryGateway = queryGateway;
    }

    @EventListener
    void on(IncidentViewUpdated updated) {
        if (committed.size() > REMEMBERED_INCIDENTS) {
            committed.clear();
        }
        committed.merge(updated.incidentId(), new Committed(updated.version(), updated.view()),
                (old, now) -> now.version() >= old.version() ? now : old);
        CompletableFuture<Void> waiting = nextCommit.remove(updated.incidentId());
        if (waiting != null) {
            waiting.complete(null);
        }
    }

    /** The read model's copy as it is now, whatever its version. */
    Optional<IncidentView> current(long incidentId) {
        return queryGateway.query(new FindIncidentQuery(incidentId), ResponseTypes.optionalInstanceOf(IncidentView.class)).join();
    }

    Optional<IncidentView> await(long incidentId, long minimumVersion, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long wanted = minimumVersion;
        while (true) {
            waitForCommit(incidentId, wanted, Math.min(deadline - System.nanoTime(), TimeUnit.MILLISECONDS.toNanos(REREAD_MILLIS)));
            Optional<IncidentView> view = committedView(incidentId, wanted).or(() -> current(incidentId));
            if (view.filter(v -> v.version() >= minimumVersion && !v.awaitsAssignment()).isPresent()) {
                return view;
            }
            if (deadline - System.nanoTime() <= 0) {
                return Optional.empty();
            }
            wanted = Math.max(minimumVersion, view.map(v -> v.version() + 1).orElse(minimumVersion));
        }
    }

    /** The view this node's projection committed, when it is at {@code version} or later. */
    private Optional<IncidentView> committedView(long incidentId, long version) {
        Committed last = committed.get(incidentId);
        return last == null || last.view() == null || last.version() < version ? Optional.empty() : Optional.of(last.view());
    }

    /** Blocks until this node's projection committed {@code version} of the incident, or the time is up. */
    private void waitForCommit(long incidentId, long version, long nanos) {
        long until = System.nanoTime() + nanos;
        while (committedVersion(incidentId) < version) {
            CompletableFuture<Void> commit = nextCommit.computeIfAbsent(incidentId, id -> new CompletableFuture<>());
            if (committedVersion(incidentId) >= version) {
                return;
            }
            long left = until - System.nanoTime();
            if (left <= 0) {
                return;
            }
            try {
                commit.get(left, TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                return;
            } catch (ExecutionException e) {
                throw new IllegalStateException("cannot happen: commits are only ever completed normally", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private long committedVersion(long incidentId) {
        Committed last = committed.get(incidentId);
        return last == null ? -1 : last.version();
    }
}
