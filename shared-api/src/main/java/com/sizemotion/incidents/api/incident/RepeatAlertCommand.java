package com.sizemotion.incidents.api.incident;

import com.sizemotion.incidents.api.access.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * Records that the alert of an existing incident arrived again (same team and external id). The
 * answer is {@link CreateIncidentResult.Outcome#ALREADY_RESOLVED} when the incident was resolved
 * in the meantime: the caller then opens the next generation.
 *
 * @param requestedAt when the repeat arrived
 */
public record RepeatAlertCommand(
        @TargetAggregateIdentifier String incidentKey,
        Severity severity,
        String source,
        Instant requestedAt,
        Actor actor) {
}
