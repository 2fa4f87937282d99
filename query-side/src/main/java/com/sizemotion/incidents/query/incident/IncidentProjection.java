package com.sizemotion.incidents.query.incident;

import com.sizemotion.incidents.api.incident.FindIncidentQuery;
import com.sizemotion.incidents.api.incident.IncidentEvent;
import com.sizemotion.incidents.api.incident.IncidentView;
import com.sizemotion.incidents.api.incident.IncidentViewUpdated;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * Builds the incident read model from the incident events and answers {@link FindIncidentQuery}.
 * After each commit it tells this node which incident reached which version
 * ({@link IncidentViewUpdated}).
 */
@Component
@ProcessingGroup(IncidentProjection.PROCESSING_GROUP)
class IncidentProjection {

    static final String PROCESSING_GROUP = "incident-projection";

    private final IncidentViewWriter writer;
    private final IncidentViewRepository views;
    private final ApplicationEventPublisher publisher;

    IncidentProjection(IncidentViewWriter writer, IncidentViewRepository views, ApplicationEventPublisher publisher) {
        this.writer = writer;
        this.views = views;
        this.publisher = publisher;
    }

    @EventHandler
    void on(IncidentEvent event, @SequenceNumber long version) {
        IncidentView written = writer.applyLive(event, version).map(state -> state.toView(views.publicUrl())).orElse(null);
        IncidentViewUpdated updated = new IncidentViewUpdated(event.incidentId(), version, written);
        CurrentUnitOfWork.get().afterCommit(unitOfWork -> publisher.publishEvent(updated));
    }

    @ResetHandler
    void reset() {
        views.deleteAll(IncidentViewRepository.LIVE_TABLE);
    }

    @QueryHandler
    Optional<IncidentView> handle(FindIncidentQuery query) {
        return views.find(query.incidentId());
    }
}
