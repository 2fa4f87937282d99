package com.sizemotion.incidents.api.incident;

import com.sizemotion.incidents.api.access.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * Assigns an incident to a user: the one on call (sent by the assignment saga), or one chosen by
 * hand ({@code POST /api/v1/incidents/{id}/assign}). Idempotent: when the incident is assigned to
 * that user already, nothing happens. Answered with an {@link IncidentChangeResult}.
 *
 * @param scheduleId  the schedule that put the user on call, or {@code null} when assigned by hand
 * @param layer       the layer that put the user on call, or {@code null} for an override
 * @param overrideId  the override that put the user on call, or {@code null} for a layer
 * @param evaluatedAt the instant at which the schedule was evaluated (the incident's creation), or
 *                    when the assignment was made by hand
 */
public record AssignIncidentCommand(
        @TargetAggregateIdentifier String incidentKey,
        AssignedUser assignee,
        Long scheduleId,
        String layer,
        Long overrideId,
        Instant evaluatedAt,
        Instant requestedAt,
        Actor actor) {
}
