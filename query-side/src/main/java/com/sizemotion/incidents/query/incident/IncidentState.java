package com.sizemotion.incidents.query.incident;

import com.sizemotion.incidents.api.incident.AssignedUser;
import com.sizemotion.incidents.api.incident.IncidentStatus;
import com.sizemotion.incidents.api.incident.IncidentView;
import com.sizemotion.incidents.api.incident.Severity;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/**
 * An incident as its events have shaped it: the row of {@code incident_view}, and what
 * {@link IncidentEvolution} folds events into.
 *
 * @param assignment where the on-call assignment stands (see {@code AssignmentState}), {@code null} if not asked for
 * @param version sequence number of the last event applied
 */
record IncidentState(
        long id,
        String incidentKey,
        long teamId,
        String title,
        String description,
        Severity severity,
        IncidentStatus status,
        AssignedUser assignedTo,
        String assignment,
        String source,
        String externalId,
        Map<String, Object> metadata,
        List<String> tags,
        int occurrences,
        Long previousIncidentId,
        Instant createdAt,
        Instant updatedAt,
        Instant acknowledgedAt,
        Instant resolvedAt,
        long version) {

    IncidentState repeated(int newOccurrences, Instant at, long newVersion) {
        return new IncidentState(id, incidentKey, teamId, title, description, severity, status, assignedTo, assignment, source,
                externalId, metadata, tags, newOccurrences, previousIncidentId, createdAt, at, acknowledgedAt,
                resolvedAt, newVersion);
    }

    IncidentState withStatus(IncidentStatus newStatus, Instant newAcknowledgedAt, Instant newResolvedAt, Instant at,
                             long newVersion) {
        return new IncidentState(id, incidentKey, teamId, title, description, severity, newStatus, assignedTo, assignment, source,
                externalId, metadata, tags, occurrences, previousIncidentId, createdAt, at, newAcknowledgedAt,
                newResolvedAt, newVersion);
    }

    IncidentState withDetails(String newTitle, String newDescription, Severity newSeverity, List<String> newTags,
                              Instant at, long newVersion) {
        return new IncidentState(id, incidentKey, teamId, newTitle, newDescription, newSeverity, status, assignedTo,
                assignment, source, externalId, metadata, newTags, occurrences, previousIncidentId, createdAt, at, acknowledgedAt,
                resolvedAt, newVersion);
    }

    IncidentState withAssignment(AssignedUser newAssignee, String newAssignment, Instant at, long newVersion) {
        return new IncidentState(id, incidentKey, teamId, title, description, severity, status, newAssignee, newAssignment,
                source, externalId, metadata, tags, occurrences, previousIncidentId, createdAt, at, acknowledgedAt,
                resolvedAt, newVersion);
    }

    IncidentState touched(Instant at, long newVersion) {
        return withDetails(title, description, severity, tags, at, newVersion);
    }

    IncidentView toView(String publicUrl) {
        return new IncidentView(id, teamId, title, description, severity.label(), status.wireName(), assignedTo, assignment, source,
                externalId, metadata, tags, occurrences, previousIncidentId, seconds(createdAt), seconds(updatedAt),
                seconds(acknowledgedAt), seconds(resolvedAt), IncidentView.pageUrl(publicUrl, id), version);
    }

    private static Instant seconds(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.SECONDS);
    }
}
