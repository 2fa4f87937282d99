package com.sizemotion.incidents.api.incident;

import com.sizemotion.incidents.api.access.Actor;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** An incident was opened. */
public record IncidentCreatedEvent(
        String incidentKey,
        long incidentId,
        long teamId,
        String title,
        Severity severity,
        String description,
        String source,
        String externalId,
        Map<String, Object> metadata,
        List<String> tags,
        boolean assignToOncall,
        Long oncallScheduleId,
        IncidentStatus status,
        Long previousIncidentId,
        Instant createdAt,
        Actor actor) implements IncidentEvent {
}
