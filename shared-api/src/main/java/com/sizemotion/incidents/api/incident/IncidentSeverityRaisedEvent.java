package com.sizemotion.incidents.api.incident;

import com.sizemotion.incidents.api.access.Actor;

import java.time.Instant;

/** A repeat of the alert reported a more severe severity than the incident had. */
public record IncidentSeverityRaisedEvent(
        String incidentKey,
        long incidentId,
        Severity from,
        Severity to,
        Instant raisedAt,
        Actor actor) implements IncidentEvent {
}
