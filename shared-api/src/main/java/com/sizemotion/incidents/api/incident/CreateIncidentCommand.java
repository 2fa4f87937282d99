package com.sizemotion.incidents.api.incident;

import com.sizemotion.incidents.api.access.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Opens an incident under a key no incident has used yet. When another request opened the same
 * key first, the event store refuses the second stream and the caller repeats the alert on the
 * existing incident instead ({@link RepeatAlertCommand}).
 *
 * @param incidentKey        aggregate identifier, see {@link IncidentKey}
 * @param previousIncidentId the resolved incident this one follows, for a recurring external id
 * @param requestedAt        when the alert arrived; becomes the creation time
 */
public record CreateIncidentCommand(
        @TargetAggregateIdentifier String incidentKey,
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
        Instant requestedAt,
        Actor actor) {
}
