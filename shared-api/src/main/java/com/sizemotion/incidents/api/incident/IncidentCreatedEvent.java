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

    /**
     * Meta-data that marks the creations that asked for on-call assignment (value
     * {@value #ASSIGNMENT_REQUESTED}): the assignment saga's processor matches only these, so
     * the other creations cost it neither a saga-store query nor a transaction.
     */
    public static final String ASSIGNMENT_META_DATA = "oncall-assignment";
    public static final String ASSIGNMENT_REQUESTED = "requested";
}
