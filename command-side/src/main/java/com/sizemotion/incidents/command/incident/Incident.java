package com.sizemotion.incidents.command.incident;

import com.sizemotion.incidents.api.incident.AcknowledgeIncidentCommand;
import com.sizemotion.incidents.api.incident.AddIncidentNoteCommand;
import com.sizemotion.incidents.api.incident.AssignIncidentCommand;
import com.sizemotion.incidents.api.incident.AssignedUser;
import com.sizemotion.incidents.api.incident.CreateIncidentCommand;
import com.sizemotion.incidents.api.incident.CreateIncidentResult;
import com.sizemotion.incidents.api.incident.IncidentAcknowledgedEvent;
import com.sizemotion.incidents.api.incident.IncidentAlertRepeatedEvent;
import com.sizemotion.incidents.api.incident.IncidentAssignedEvent;
import com.sizemotion.incidents.api.incident.IncidentChangeResult;
import com.sizemotion.incidents.api.incident.IncidentCreatedEvent;
import com.sizemotion.incidents.api.incident.IncidentNotAssignedEvent;
import com.sizemotion.incidents.api.incident.IncidentNoteAddedEvent;
import com.sizemotion.incidents.api.incident.IncidentReopenedEvent;
import com.sizemotion.incidents.api.incident.IncidentResolvedEvent;
import com.sizemotion.incidents.api.incident.IncidentSeverityRaisedEvent;
import com.sizemotion.incidents.api.incident.IncidentStatus;
import com.sizemotion.incidents.api.incident.IncidentUpdatedEvent;
import com.sizemotion.incidents.api.incident.RecordNotAssignedCommand;
import com.sizemotion.incidents.api.incident.ReopenIncidentCommand;
import com.sizemotion.incidents.api.incident.RepeatAlertCommand;
import com.sizemotion.incidents.api.incident.ResolveIncidentCommand;
import com.sizemotion.incidents.api.incident.Severity;
import com.sizemotion.incidents.api.incident.UpdateIncidentCommand;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

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
    private String description;
    private List<String> tags;
    private Instant createdAt;
    private Long previousIncidentId;
    private IncidentStatus status;
    private Severity severity;
    private int occurrences;
    private long version;

    protected Incident() {
    }

    /** Always a new stream: no read of the event store first; a taken key fails on the unique (aggregate, sequence) index. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.ALWAYS)
    public CreateIncidentResult handle(CreateIncidentCommand command, IncidentIdSequence incidentIds) {
        apply(new IncidentCreatedEvent(command.incidentKey(), incidentIds.next(), command.teamId(),
                command.title(), command.severity(), command.description(), command.source(),
                command.externalId(), command.metadata(), command.tags(), command.assignToOncall(),
                command.oncallScheduleId(), command.status(), command.previousIncidentId(),
                command.requestedAt(), command.actor()),
                command.assignToOncall()
                        ? MetaData.with(IncidentCreatedEvent.ASSIGNMENT_META_DATA, IncidentCreatedEvent.ASSIGNMENT_REQUESTED)
                        : MetaData.emptyInstance());
        return result(CreateIncidentResult.Outcome.CREATED);
    }

    @CommandHandler
    public CreateIncidentResult handle(RepeatAlertCommand command) {
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

    @CommandHandler
    public IncidentChangeResult handle(AcknowledgeIncidentCommand command) {
        if (status == IncidentStatus.RESOLVED) {
            throw new IncidentTransitionException("Incident " + incidentId
                    + " is resolved and cannot be acknowledged. Reopen it first.");
        }
        if (status == IncidentStatus.ACKNOWLEDGED) {
            return unchanged();
        }
        apply(new IncidentAcknowledgedEvent(incidentKey, incidentId, command.note(), command.at(), command.actor()));
        return changed();
    }

    @CommandHandler
    public IncidentChangeResult handle(ResolveIncidentCommand command) {
        if (status == IncidentStatus.RESOLVED) {
            return unchanged();
        }
        apply(new IncidentResolvedEvent(incidentKey, incidentId, command.note(), command.at(), command.actor()));
        return changed();
    }

    @CommandHandler
    public IncidentChangeResult handle(ReopenIncidentCommand command) {
        if (status == IncidentStatus.OPEN) {
            return unchanged();
        }
        if (status == IncidentStatus.ACKNOWLEDGED) {
            throw new IncidentTransitionException("Incident " + incidentId
                    + " is acknowledged, not resolved; only a resolved incident can be reopened.");
        }
        apply(new IncidentReopenedEvent(incidentKey, incidentId, command.note(), command.at(), command.actor()));
        return changed();
    }

    @CommandHandler
    public IncidentChangeResult handle(UpdateIncidentCommand command) {
        String newTitle = command.title() == null || command.title().equals(title) ? null : command.title();
        boolean descriptionChanged = command.descriptionGiven() && !Objects.equals(command.description(), description);
        Severity newSeverity = command.severity() == severity ? null : command.severity();
        List<String> newTags = command.tags() == null || command.tags().equals(tags) ? null : command.tags();
        if (newTitle == null && !descriptionChanged && newSeverity == null && newTags == null) {
            return unchanged();
        }
        apply(new IncidentUpdatedEvent(incidentKey, incidentId, newTitle, descriptionChanged,
                descriptionChanged ? command.description() : null, newSeverity, newTags, command.at(), command.actor()));
        return changed();
    }

    @CommandHandler
    public IncidentChangeResult handle(AddIncidentNoteCommand command) {
        apply(new IncidentNoteAddedEvent(incidentKey, incidentId, command.body(), command.at(), command.actor()));
        return changed();
    }

    private IncidentChangeResult changed() {
        return new IncidentChangeResult(incidentId, version, true);
    }

    private IncidentChangeResult unchanged() {
        return new IncidentChangeResult(incidentId, version, false);
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
        description = event.description();
        tags = event.tags() == null ? List.of() : event.tags();
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

    @EventSourcingHandler
    void on(IncidentAcknowledgedEvent event, @SequenceNumber long sequenceNumber) {
        status = IncidentStatus.ACKNOWLEDGED;
        version = sequenceNumber;
    }

    @EventSourcingHandler
    void on(IncidentResolvedEvent event, @SequenceNumber long sequenceNumber) {
        status = IncidentStatus.RESOLVED;
        version = sequenceNumber;
    }

    @EventSourcingHandler
    void on(IncidentReopenedEvent event, @SequenceNumber long sequenceNumber) {
        status = IncidentStatus.OPEN;
        version = sequenceNumber;
    }

    @EventSourcingHandler
    void on(IncidentUpdatedEvent event, @SequenceNumber long sequenceNumber) {
        if (event.title() != null) {
            title = event.title();
        }
        if (event.descriptionChanged()) {
            description = event.description();
        }
        if (event.severity() != null) {
            severity = event.severity();
        }
        if (event.tags() != null) {
            tags = event.tags();
        }
        version = sequenceNumber;
    }

    @EventSourcingHandler
    void on(IncidentNoteAddedEvent event, @SequenceNumber long sequenceNumber) {
        version = sequenceNumber;
    }

    // Assignment: by hand (no schedule) or on call, sent by the IncidentAssignmentSaga. An on-call
    // assignment only ever fills an empty slot: after a retry the saga may send it again, and a
    // saga that runs late must not overwrite whom someone assigned by hand in the meantime.

    private AssignedUser assignee;
    private boolean onCallAssignmentRecorded;

    @CommandHandler
    IncidentChangeResult handle(AssignIncidentCommand command) {
        boolean onCall = command.scheduleId() != null;
        if (onCall && onCallAssignmentRecorded || assignee != null && assignee.id() == command.assignee().id()) {
            return unchanged();
        }
        apply(new IncidentAssignedEvent(incidentKey, incidentId, command.assignee(), command.scheduleId(),
                command.layer(), command.overrideId(), command.evaluatedAt(), command.requestedAt(), command.actor()));
        return changed();
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
