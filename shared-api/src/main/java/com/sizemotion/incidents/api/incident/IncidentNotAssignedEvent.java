package com.sizemotion.incidents.api.incident;

import com.sizemotion.incidents.api.access.Actor;

import java.time.Instant;

/** The incident asked for the on-call user and stays unassigned, for {@code reason}. */
public record IncidentNotAssignedEvent(
        String incidentKey,
        long incidentId,
        long scheduleId,
        NotAssignedReason reason,
        Instant evaluatedAt,
        Instant recordedAt,
        Actor actor) implements IncidentEvent {
}
