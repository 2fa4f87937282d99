package com.sizemotion.incidents.api.incident;

import com.sizemotion.incidents.api.access.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * Assigns an incident to the user who was on call. Idempotent: when the incident is assigned to
 * that user already, nothing happens.
 *
 * @param layer       the layer that put the user on call, or {@code null} for an override
 * @param overrideId  the override that put the user on call, or {@code null} for a layer
 * @param evaluatedAt the instant at which the schedule was evaluated (the incident's creation)
 */
public record AssignIncidentCommand(
        @TargetAggregateIdentifier String incidentKey,
        AssignedUser assignee,
        long scheduleId,
        String layer,
        Long overrideId,
        Instant evaluatedAt,
        Instant requestedAt,
        Actor actor) {
}
