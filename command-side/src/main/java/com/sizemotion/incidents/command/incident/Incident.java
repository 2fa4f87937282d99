package com.sizemotion.incidents.command.incident;

import com.sizemotion.incidents.api.incident.AssignIncidentCommand;
import com.sizemotion.incidents.api.incident.AssignedUser;
import com.sizemotion.incidents.api.incident.CreateIncidentCommand;
import com.sizemotion.incidents.api.incident.CreateIncidentResult;
import com.sizemotion.incidents.api.incident.IncidentAlertRepeatedEvent;
import com.sizemotion.incidents.api.incident.IncidentAssignedEvent;
import com.sizemotion.incidents.api.incident.IncidentCreatedEvent;
import com.sizemotion.incidents.api.incident.IncidentNotAssignedEvent;
import com.sizemotion.incidents.api.incident.IncidentSeverityRaisedEvent;
import com.sizemotion.incidents.api.incident.IncidentStatus;
import com.sizemotion.incidents.api.incident.RecordNotAssignedCommand;
import com.sizemotion.incidents.api.incident.Severity;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Instant;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One incident, keyed so that repeats of the same alert reach it (see {@code IncidentKey}).
 */
@Aggregate
public class Incident {

    @AggregateIdentifier
    private String incidentKey;
    private long incidentId;
    private String title;
    private Instant createdAt;
    private Long previousIncidentId;
    private IncidentStatus status;
    private Severity severity;
    private int occurrences;
    private long version;

    protected Incident() {
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public CreateIncidentResult handle(CreateIncidentCommand command, IncidentIdSequence incidentIds) {
        if (incidentKey == null) {
            apply(new IncidentCreatedEvent(command.incidentKey(), incidentIds.next(), command.teamId(),
                    command.title(), command.severity(), command.description(), command.source(),
                    command.externalId(), command.metadata(), command.tags(), command.assignToOncall(),
                    command.oncallScheduleId(), command.status(), command.previousIncidentId(),
                    command.requestedAt(), command.actor()));
            return result(CreateIncidentResult.Outcome.CREATED);
        }
        if (status == IncidentStatus.RESOLVED) {
            return result(CreateIncidentResult.Outcome.ALREADY_RESOLVED);
        }
        apply(new IncidentAlertRepeatedEvent(incidentKey, incidentId, occurrences + 1, command.source(),
                command.severity(), command.requestedAt(), command.actor()));
        if (command.severity().isMoreSevereThan(severity)) {
            apply(new IncidentSeverityRaisedEvent(incidentKey, incidentId, severity, command.severity(),
                    command.requestedAt(), command.actor()));
        }
        return result(CreateIncidentResult.Outcome.REPEATED);
    }

    private CreateIncidentResult result(CreateIncidentResult.Outcome outcome) {
        return new CreateIncidentResult(outcome, incidentId, version, title, severity, status, occurrences, createdAt,
                previousIncidentId);
    }

    @EventSourcingHandler
    void on(IncidentCreatedEvent event, @SequenceNumber long sequenceNumber) {
        incidentKey = event.incidentKey();
        incidentId = event.incidentId();
        title = event.title();
        createdAt = event.createdAt();
        previousIncidentId = event.previousIncidentId();
        status = event.status();
        severity = event.severity();
        occurrences = 1;
        version = sequenceNumber;
    }

    @EventSourcingHandler
    void on(IncidentAlertRepeatedEvent event, @SequenceNumber long sequenceNumber) {
        occurrences = event.occurrences();
        version = sequenceNumber;
    }

    @EventSourcingHandler
    void on(IncidentSeverityRaisedEvent event, @SequenceNumber long sequenceNumber) {
        severity = event.to();
        version = sequenceNumber;
    }

    // On-call assignment, sent by the IncidentAssignmentSaga. Idempotent: after a retry the saga
    // may send the same command again.

    private AssignedUser assignee;
    private boolean onCallAssignmentRecorded;

    @CommandHandler
    void handle(AssignIncidentCommand command) {
        if (assignee != null && assignee.id() == command.assignee().id()) {
            return;
        }
        apply(new IncidentAssignedEvent(incidentKey, incidentId, command.assignee(), command.scheduleId(),
                command.layer(), command.overrideId(), command.evaluatedAt(), command.requestedAt(), command.actor()));
    }

    @CommandHandler
    void handle(RecordNotAssignedCommand command) {
        if (onCallAssignmentRecorded) {
            return;
        }
        apply(new IncidentNotAssignedEvent(incidentKey, incidentId, command.scheduleId(), command.reason(),
                command.evaluatedAt(), command.requestedAt(), command.actor()));
    }

    @EventSourcingHandler
    void on(IncidentAssignedEvent event, @SequenceNumber long sequenceNumber) {
        assignee = event.assignee();
        onCallAssignmentRecorded = true;
        version = sequenceNumber;
    }

    @EventSourcingHandler
    void on(IncidentNotAssignedEvent event, @SequenceNumber long sequenceNumber) {
        onCallAssignmentRecorded = true;
        version = sequenceNumber;
    }
}
