package com.sizemotion.incidents.api.incident;

import com.sizemotion.incidents.api.access.Actor;

import java.time.Instant;

/**
 * The monitoring tool sent the same alert again while the incident was unresolved.
 *
 * @param occurrences how many times the alert has arrived in all, the first included
 */
public record IncidentAlertRepeatedEvent(
        String incidentKey,
        long incidentId,
        int occurrences,
        String source,
        Severity reportedSeverity,
        Instant repeatedAt,
        Actor actor) implements IncidentEvent {
}
