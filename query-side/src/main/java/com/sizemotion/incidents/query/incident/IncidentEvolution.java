package com.sizemotion.incidents.query.incident;

import com.sizemotion.incidents.api.incident.AssignmentState;
import com.sizemotion.incidents.api.incident.IncidentAcknowledgedEvent;
import com.sizemotion.incidents.api.incident.IncidentAlertRepeatedEvent;
import com.sizemotion.incidents.api.incident.IncidentAssignedEvent;
import com.sizemotion.incidents.api.incident.IncidentCreatedEvent;
import com.sizemotion.incidents.api.incident.IncidentNotAssignedEvent;
import com.sizemotion.incidents.api.incident.IncidentNoteAddedEvent;
import com.sizemotion.incidents.api.incident.IncidentReopenedEvent;
import com.sizemotion.incidents.api.incident.IncidentResolvedEvent;
import com.sizemotion.incidents.api.incident.IncidentSeverityRaisedEvent;
import com.sizemotion.incidents.api.incident.IncidentStatus;
import com.sizemotion.incidents.api.incident.IncidentUpdatedEvent;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How each incident event changes an {@link IncidentState}. One pure function, used by the live
 * projection, by projection rebuilds and to show an incident as it was at any instant, so the
 * three can never disagree.
 */
final class IncidentEvolution {

    private IncidentEvolution() {
    }

    static IncidentState created(IncidentCreatedEvent e, long version) {
        return new IncidentState(e.incidentId(), e.incidentKey(), e.teamId(), e.title(), e.description(), e.severity(),
                e.status(), null, e.assignToOncall() ? AssignmentState.PENDING.wireName() : null, e.source(), e.externalId(), e.metadata() == null ? Map.of() : e.metadata(),
                e.tags() == null ? List.of() : e.tags(), 1, e.previousIncidentId(), e.createdAt(), e.createdAt(),
                e.status() == IncidentStatus.ACKNOWLEDGED ? e.createdAt() : null,
                e.status() == IncidentStatus.RESOLVED ? e.createdAt() : null, version);
    }

    /** The state after the event, or empty when the event does not change the incident's read model. */
    static Optional<IncidentState> apply(IncidentState s, Object event, long version) {
        if (event instanceof IncidentAlertRepeatedEvent e) {
            return Optional.of(s.repeated(e.occurrences(), e.repeatedAt(), version));
        }
        if (event instanceof IncidentSeverityRaisedEvent e) {
            return Optional.of(s.withDetails(s.title(), s.description(), e.to(), s.tags(), e.raisedAt(), version));
        }
        if (event instanceof IncidentAcknowledgedEvent e) {
            return Optional.of(s.withStatus(IncidentStatus.ACKNOWLEDGED,
                    s.acknowledgedAt() == null ? e.at() : s.acknowledgedAt(), s.resolvedAt(), e.at(), version));
        }
        if (event instanceof IncidentResolvedEvent e) {
            return Optional.of(s.withStatus(IncidentStatus.RESOLVED, s.acknowledgedAt(), e.at(), e.at(), version));
        }
        if (event instanceof IncidentReopenedEvent e) {
            return Optional.of(s.withStatus(IncidentStatus.OPEN, s.acknowledgedAt(), null, e.at(), version));
        }
        if (event instanceof IncidentUpdatedEvent e) {
            return Optional.of(s.withDetails(e.title() != null ? e.title() : s.title(),
                    e.descriptionChanged() ? e.description() : s.description(),
                    e.severity() != null ? e.severity() : s.severity(), e.tags() != null ? e.tags() : s.tags(),
                    e.at(), version));
        }
        if (event instanceof IncidentAssignedEvent e) {
            return Optional.of(s.withAssignment(e.assignee(), AssignmentState.ASSIGNED.wireName(), e.assignedAt(), version));
        }
        if (event instanceof IncidentNotAssignedEvent e) {
            return Optional.of(s.withAssignment(s.assignedTo(), AssignmentState.of(e.reason()).wireName(), e.recordedAt(), version));
        }
        if (event instanceof IncidentNoteAddedEvent e) {
            return Optional.of(s.touched(e.at(), version));
        }
        return Optional.empty();
    }
}
