package com.sizemotion.incidents.command.incident;

import com.sizemotion.incidents.api.incident.FindIncidentQuery;
import com.sizemotion.incidents.api.incident.IncidentView;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.SubscriptionQueryResult;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Waits, for a bounded time, until the read model shows an incident at least at a given version
 * and with its on-call assignment no longer pending, so that a client that was just answered can
 * read its own write and sees whom the incident went to. Updates arrive at once from projections
 * in this JVM (subscription query); re-reading every {@value #REREAD_MILLIS} ms covers projections
 * that run on another node. All blocking happens on the caller's thread.
 */
@Component
class IncidentViewAwaiter {

    private static final long REREAD_MILLIS = 200;

    private final QueryGateway queryGateway;

    IncidentViewAwaiter(QueryGateway queryGateway) {
        this.queryGateway = queryGateway;
    }

    /** The read model's copy as it is now, whatever its version. */
    Optional<IncidentView> current(long incidentId) {
        return queryGateway.query(new FindIncidentQuery(incidentId), ResponseTypes.optionalInstanceOf(IncidentView.class)).join();
    }

    Optional<IncidentView> await(long incidentId, long minimumVersion, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        FindIncidentQuery query = new FindIncidentQuery(incidentId);
        try (SubscriptionQueryResult<Optional<IncidentView>, IncidentView> subscription = queryGateway.subscriptionQuery(
                query, ResponseTypes.optionalInstanceOf(IncidentView.class), ResponseTypes.instanceOf(IncidentView.class))) {
            CompletableFuture<IncidentView> updated = new CompletableFuture<>();
            subscription.updates().filter(view -> settled(view, minimumVersion)).next().subscribe(updated::complete);
            Optional<IncidentView> seen = subscription.initialResult().blockOptional().flatMap(view -> view);
            while (seen.filter(view -> settled(view, minimumVersion)).isEmpty()) {
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    return Optional.empty();
                }
                seen = updateWithin(updated, Math.min(remaining, TimeUnit.MILLISECONDS.toNanos(REREAD_MILLIS)))
                        .or(() -> current(incidentId));
            }
            return seen;
        }
    }

    private static boolean settled(IncidentView view, long minimumVersion) {
        return view.version() >= minimumVersion && !view.awaitsAssignment();
    }

    private static Optional<IncidentView> updateWithin(CompletableFuture<IncidentView> updated, long nanos) {
        try {
            return Optional.of(updated.get(nanos, TimeUnit.NANOSECONDS));
        } catch (TimeoutException e) {
            return Optional.empty();
        } catch (ExecutionException e) {
            throw new IllegalStateException("Watching the read model failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
