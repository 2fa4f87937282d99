package com.sizemotion.incidents.command.incident;

import com.sizemotion.incidents.api.incident.FindIncidentQuery;
import com.sizemotion.incidents.api.incident.IncidentView;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.SubscriptionQueryResult;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.Optional;

/**
 * Waits, for a bounded time, until the read model shows an incident at least at a given version
 * and with its on-call assignment no longer pending, so that a client that was just answered can
 * read its own write and sees whom the incident went to. Updates arrive at once from
 * projections in this JVM (subscription query); a periodic re-read covers projections that run on
 * another node.
 */
@Component
class IncidentViewAwaiter {

    private static final Duration REREAD_INTERVAL = Duration.ofMillis(200);

    private final QueryGateway queryGateway;

    IncidentViewAwaiter(QueryGateway queryGateway) {
        this.queryGateway = queryGateway;
    }

    /** The read model's copy as it is now, whatever its version. */
    Optional<IncidentView> current(long incidentId) {
        return queryGateway.query(new FindIncidentQuery(incidentId), ResponseTypes.optionalInstanceOf(IncidentView.class)).join();
    }

    Optional<IncidentView> await(long incidentId, long minimumVersion, Duration timeout) {
        FindIncidentQuery query = new FindIncidentQuery(incidentId);
        try (SubscriptionQueryResult<Optional<IncidentView>, IncidentView> subscription = queryGateway.subscriptionQuery(
                query, ResponseTypes.optionalInstanceOf(IncidentView.class), ResponseTypes.instanceOf(IncidentView.class))) {
            Flux<IncidentView> rereads = Flux.interval(REREAD_INTERVAL)
                    .concatMap(tick -> Mono.fromFuture(queryGateway.query(query, ResponseTypes.optionalInstanceOf(IncidentView.class))))
                    .flatMap(Mono::justOrEmpty);
            return subscription.initialResult().flatMap(Mono::justOrEmpty)
                    .concatWith(subscription.updates())
                    .mergeWith(rereads)
                    .filter(view -> view.version() >= minimumVersion && !view.awaitsAssignment())
                    .next()
                    .timeout(timeout, Mono.empty())
                    .blockOptional();
        }
    }
}
