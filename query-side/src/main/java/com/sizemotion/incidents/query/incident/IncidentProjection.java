package com.sizemotion.incidents.query.incident;

import com.sizemotion.incidents.api.incident.FindIncidentQuery;
import com.sizemotion.incidents.api.incident.IncidentEvent;
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
 * Builds the incident read model from the incident events and answers {@link FindIncidentQuery},
 * telling subscribers of an incident whenever its view changes.
 */
@Component
@ProcessingGroup(IncidentProjection.PROCESSING_GROUP)
class IncidentProjection {

    static final String PROCESSING_GROUP = "incident-projection";

    private final IncidentViewWriter writer;
    private final IncidentViewRepository views;
    private final QueryUpdateEmitter updateEmitter;

    IncidentProjection(IncidentViewWriter writer, IncidentViewRepository views, QueryUpdateEmitter updateEmitter) {
        this.writer = writer;
        this.views = views;
        this.updateEmitter = updateEmitter;
    }

    @EventHandler
    void on(IncidentEvent event, @SequenceNumber long version) {
        writer.applyLive(event, version);
        announce(event.incidentId());
    }

    @ResetHandler
    void reset() {
        views.deleteAll(IncidentViewRepository.LIVE_TABLE);
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
