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
 * (and, for a create, with its on-call assignment no longer pending), so that a client that was
 * just answered can read its own write and sees whom a new incident went to. The projection of this node hands each
 * committed view to the requests waiting for that incident ({@link IncidentViewUpdated}), so the
 * common case costs no read at all; a request that arrives after the commit, or whose incident
 * is projected by another node, reads the view (re-reading every {@value #REREAD_MILLIS} ms).
 * All blocking happens on the caller's thread, and nothing is kept for incidents nobody waits for
 * but their latest committed version.
 */
@Component
class IncidentViewAwaiter {

    private static final long REREAD_MILLIS = 200;
    private static final int REMEMBERED_INCIDENTS = 10_000;

    private final QueryGateway queryGateway;
    /** The newest version this node's projection committed, per incident (recent ones only). */
    private final ConcurrentHashMap<Long, Long> committedVersions = new ConcurrentHashMap<>();
    /** Completed with the next commit of the incident's view, and dropped then or when its waiters give up. */
    private final ConcurrentHashMap<Long, CompletableFuture<IncidentViewUpdated>> nextCommit = new ConcurrentHashMap<>();

    IncidentViewAwaiter(QueryGateway queryGateway) {
        this.queryGateway = queryGateway;
    }

    @EventListener
    void on(IncidentViewUpdated updated) {
        if (committedVersions.size() > REMEMBERED_INCIDENTS) {
            committedVersions.clear();
        }
        committedVersions.merge(updated.incidentId(), updated.version(), Math::max);
        CompletableFuture<IncidentViewUpdated> waiting = nextCommit.remove(updated.incidentId());
        if (waiting != null) {
            waiting.complete(updated);
        }
    }

    /** The read model's copy as it is now, whatever its version. */
    Optional<IncidentView> current(long incidentId) {
        return queryGateway.query(new FindIncidentQuery(incidentId), ResponseTypes.optionalInstanceOf(IncidentView.class)).join();
    }

    /** The view at {@code minimumVersion} or later whose on-call assignment is no longer pending (a create waits to show whom it went to). */
    Optional<IncidentView> awaitAssigned(long incidentId, long minimumVersion, Duration timeout) {
        return await(incidentId, minimumVersion, timeout, true);
    }

    /** The view at {@code minimumVersion} or later, assigned or not (a change to an incident need not wait for the saga). */
    Optional<IncidentView> await(long incidentId, long minimumVersion, Duration timeout) {
        return await(incidentId, minimumVersion, timeout, false);
    }

    private Optional<IncidentView> await(long incidentId, long minimumVersion, Duration timeout, boolean untilAssigned) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long wanted = minimumVersion;
        while (true) {
            Optional<IncidentView> view = waitForCommit(incidentId, wanted,
                            Math.min(deadline - System.nanoTime(), TimeUnit.MILLISECONDS.toNanos(REREAD_MILLIS)))
                    .or(() -> current(incidentId));
            if (view.filter(v -> v.version() >= minimumVersion && !(untilAssigned && v.awaitsAssignment())).isPresent()) {
                return view;
            }
            if (deadline - System.nanoTime() <= 0) {
                return Optional.empty();
            }
            wanted = Math.max(minimumVersion, view.map(v -> v.version() + 1).orElse(minimumVersion));
        }
    }

    /**
     * Blocks until this node's projection committed {@code version} of the incident, or the time is
     * up. Returns the committed view when this call saw the commit happen and the view came with it.
     */
    private Optional<IncidentView> waitForCommit(long incidentId, long version, long nanos) {
        long until = System.nanoTime() + nanos;
        while (committedVersion(incidentId) < version) {
            CompletableFuture<IncidentViewUpdated> commit = nextCommit.computeIfAbsent(incidentId, id -> new CompletableFuture<>());
            if (committedVersion(incidentId) >= version) {
                return Optional.empty();
            }
            long left = until - System.nanoTime();
            try {
                IncidentViewUpdated updated = commit.get(Math.max(left, 0), TimeUnit.NANOSECONDS);
                if (updated.version() >= version) {
                    return Optional.ofNullable(updated.view());
                }
            } catch (TimeoutException e) {
                nextCommit.remove(incidentId, commit);
                return Optional.empty();
            } catch (ExecutionException e) {
                throw new IllegalStateException("cannot happen: commits are only ever completed normally", e);
            } catch (InterruptedException e) {
                nextCommit.remove(incidentId, commit);
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private long committedVersion(long incidentId) {
        return committedVersions.getOrDefault(incidentId, -1L);
    }
}
