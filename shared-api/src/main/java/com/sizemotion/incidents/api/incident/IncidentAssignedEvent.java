package com.sizemotion.incidents.api.incident;

import com.sizemotion.incidents.api.access.Actor;

import java.time.Instant;

/**
 * The incident was assigned to the user on call, and why: the schedule, the layer or override that
 * put the user on call, and the instant at which the schedule was evaluated.
 */
public record IncidentAssignedEvent(
        String incidentKey,
        long incidentId,
        AssignedUser assignee,
        Long scheduleId,
        String layer,
        Long overrideId,
        Instant evaluatedAt,
        Instant assignedAt,
        Actor actor) implements IncidentEvent {
}
