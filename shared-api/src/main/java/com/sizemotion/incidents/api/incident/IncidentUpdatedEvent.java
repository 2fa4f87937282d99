package com.sizemotion.incidents.api.incident;

import com.sizemotion.incidents.api.access.Actor;

import java.time.Instant;
import java.util.List;

/**
 * Details of the incident changed. Only what changed is set: a {@code null} field was left as it
 * was, except the description, which changed whenever {@code descriptionChanged}.
 */
public record IncidentUpdatedEvent(
        String incidentKey,
        long incidentId,
        String title,
        boolean descriptionChanged,
        String description,
        Severity severity,
        List<String> tags,
        Instant at,
        Actor actor) implements IncidentEvent {
}
