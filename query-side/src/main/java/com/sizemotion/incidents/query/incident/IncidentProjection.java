package com.sizemotion.incidents.query.incident;

import com.sizemotion.incidents.api.incident.AssignmentState;
import com.sizemotion.incidents.api.incident.FindIncidentQuery;
import com.sizemotion.incidents.api.incident.IncidentAlertRepeatedEvent;
import com.sizemotion.incidents.api.incident.IncidentAssignedEvent;
import com.sizemotion.incidents.api.incident.IncidentCreatedEvent;
import com.sizemotion.incidents.api.incident.IncidentNotAssignedEvent;
import com.sizemotion.incidents.api.incident.IncidentSeverityRaisedEvent;
import com.sizemotion.incidents.api.incident.IncidentView;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.queryhandling.QueryHandler;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * Builds {@code incident_view} from the incident events and answers {@link FindIncidentQuery},
 * telling subscribers of an incident whenever its view changes.
 */
@Component
@ProcessingGroup(IncidentProjection.PROCESSING_GROUP)
class IncidentProjection {

    static final String PROCESSING_GROUP = "incident-projection";

    private final IncidentViewRepository views;
    private final QueryUpdateEmitter updateEmitter;

    IncidentProjection(IncidentViewRepository views, QueryUpdateEmitter updateEmitter) {
        this.views = views;
        this.updateEmitter = updateEmitter;
    }

    @EventHandler
    void on(IncidentCreatedEvent event, @SequenceNumber long version) {
        views.insert(event, version);
        announce(event.incidentId());
    }

    @EventHandler
    void on(IncidentAlertRepeatedEvent event, @SequenceNumber long version) {
        views.recordRepeat(event.incidentId(), event.occurrences(), event.repeatedAt(), version);
        announce(event.incidentId());
    }

    @EventHandler
    void on(IncidentSeverityRaisedEvent event, @SequenceNumber long version) {
        views.changeSeverity(event.incidentId(), event.to(), event.raisedAt(), version);
        announce(event.incidentId());
    }

    @EventHandler
    void on(IncidentAssignedEvent event, @SequenceNumber long version) {
        views.assign(event.incidentId(), event.assignee(), event.assignedAt(), version);
        announce(event.incidentId());
    }

    @EventHandler
    void on(IncidentNotAssignedEvent event, @SequenceNumber long version) {
        views.changeAssignment(event.incidentId(), AssignmentState.of(event.reason()), event.recordedAt(), version);
        announce(event.incidentId());
    }

    @ResetHandler
    void reset() {
        views.deleteAll();
    }

    @QueryHandler
    Optional<IncidentView> handle(FindIncidentQuery query) {
        return views.find(query.incidentId());
    }

    private void announce(long incidentId) {
        boolean watched = updateEmitter.activeSubscriptions().stream()
                .anyMatch(s -> s.getPayload() instanceof FindIncidentQuery q && q.incidentId() == incidentId);
        if (watched) {
            views.find(incidentId).ifPresent(view -> updateEmitter.emit(FindIncidentQuery.class,
                    query -> query.incidentId() == incidentId, view));
        }
    }
}
