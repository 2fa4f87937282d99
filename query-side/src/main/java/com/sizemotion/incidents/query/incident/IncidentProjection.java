package com.sizemotion.incidents.query.incident;

import com.sizemotion.incidents.api.incident.FindIncidentQuery;
import com.sizemotion.incidents.api.incident.IncidentEvent;
import com.sizemotion.incidents.api.incident.IncidentView;
import com.sizemotion.incidents.api.incident.IncidentViewUpdated;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import com.sizemotion.incidents.query.support.FailureIsolation;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * Builds the incident read model from the incident events and answers {@link FindIncidentQuery}.
 * After each commit it tells this node which incident reached which version
 * ({@link IncidentViewUpdated}). An event it cannot apply goes to the processing group's
 * dead-letter queue with the later events of its incident, and the incident is then read from its
 * events ({@link IncidentReader}); requests waiting for it are told at once, without a view.
 */
@Component
@ProcessingGroup(IncidentProjection.PROCESSING_GROUP)
class IncidentProjection {

    static final String PROCESSING_GROUP = "incident-projection";

    private final IncidentViewWriter writer;
    private final IncidentViewRepository views;
    private final IncidentReader reader;
    private final FailureIsolation isolation;
    private final ApplicationEventPublisher publisher;

    IncidentProjection(IncidentViewWriter writer, IncidentViewRepository views, IncidentReader reader,
                       FailureIsolation isolation, ApplicationEventPublisher publisher) {
        this.writer = writer;
        this.views = views;
        this.reader = reader;
        this.isolation = isolation;
        this.publisher = publisher;
    }

    @EventHandler
    void on(IncidentEvent event, @SequenceNumber long version, EventMessage<?> message) {
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get();
        boolean retryingDeadLetter = unitOfWork.getResource(DeadLetter.class.getName()) != null;
        Optional<IncidentState> written;
        try {
            written = isolation.run(message.getIdentifier(), retryingDeadLetter, () -> writer.applyLive(event, version));
        } catch (RuntimeException e) {
            // committed only when the event was dead-lettered: waiting requests then read the incident from its events
            unitOfWork.afterCommit(uow -> publisher.publishEvent(new IncidentViewUpdated(event.incidentId(), version, null)));
            throw e;
        }
        IncidentView view = written.map(state -> state.toView(views.publicUrl())).orElse(null);
        IncidentViewUpdated updated = new IncidentViewUpdated(event.incidentId(), version, view);
        unitOfWork.afterCommit(uow -> publisher.publishEvent(updated));
    }

    @ResetHandler
    void reset() {
        views.deleteAll(IncidentViewRepository.LIVE_TABLE);
    }

    @QueryHandler
    Optional<IncidentView> handle(FindIncidentQuery query) {
        return reader.projected(query.incidentId()).map(state -> state.toView(views.publicUrl()));
    }
}
