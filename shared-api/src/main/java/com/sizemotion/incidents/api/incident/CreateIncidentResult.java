package com.sizemotion.incidents.api.incident;

import java.time.Instant;

/**
 * What a {@link CreateIncidentCommand} or {@link RepeatAlertCommand} did, and the incident's state right after it: enough to
 * answer the client even while the read model is still catching up.
 *
 * @param incidentId public id of the incident that was created or repeated
 * @param version    sequence number of the incident's last event; the read model has caught up
 *                   with the command once its version reaches this number
 */
public record CreateIncidentResult(
        Outcome outcome,
        long incidentId,
        long version,
        String title,
        Severity severity,
        IncidentStatus status,
        int occurrences,
        Instant createdAt,
        Long previousIncidentId) {

    public enum Outcome {
        CREATED,
        REPEATED,
        /** The key names an incident that is resolved already: the caller must use the next generation. */
        ALREADY_RESOLVED
    }
}
