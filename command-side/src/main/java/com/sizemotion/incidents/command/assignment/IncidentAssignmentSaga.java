package com.sizemotion.incidents.command.assignment;

import com.sizemotion.incidents.api.access.Actor;
import com.sizemotion.incidents.api.incident.AssignIncidentCommand;
import com.sizemotion.incidents.api.incident.IncidentCreatedEvent;
import com.sizemotion.incidents.api.incident.NotAssignedReason;
import com.sizemotion.incidents.api.incident.RecordNotAssignedCommand;
import com.sizemotion.incidents.command.oncall.OnCallResolution;
import com.sizemotion.incidents.command.oncall.OnCallRoster;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.saga.EndSaga;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.StartSaga;
import org.axonframework.spring.stereotype.Saga;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * Assigns a new incident that asked for it ({@code assign_to_oncall}) to whoever was on call on its
 * schedule at the incident's creation, or records that nobody was. Only the creation starts it: a
 * repeat of the alert never reassigns.
 * <p>
 * The assignment is dispatched and awaited inside the event's unit of work, so a failure (a
 * transient database error, a concurrent change of the incident) propagates, rolls the batch back
 * and makes the processor retry the event; the commands are idempotent, so a retry after a partial
 * success assigns once.
 */
@Saga
@ProcessingGroup(IncidentAssignmentSaga.PROCESSING_GROUP)
public class IncidentAssignmentSaga {

    public static final String PROCESSING_GROUP = "incident-assignment";
    static final Actor ACTOR = Actor.system("oncall-assignment");

    /** {@code requested} is never read: being required, it restricts the handler to the creations marked for assignment. */
    @StartSaga
    @EndSaga
    @SagaEventHandler(associationProperty = "incidentKey")
    void on(IncidentCreatedEvent event,
            @MetaDataValue(value = IncidentCreatedEvent.ASSIGNMENT_META_DATA, required = true) String requested,
            OnCallRoster roster, CommandGateway commands, Clock clock) {
        if (!event.assignToOncall() || event.oncallScheduleId() == null) {
            return;
        }
        long scheduleId = event.oncallScheduleId();
        Instant evaluatedAt = event.createdAt();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Optional<OnCallResolution> onCall = roster.whoIsOnCall(scheduleId, evaluatedAt);
        if (onCall.isPresent() && onCall.get().user() != null) {
            OnCallResolution resolution = onCall.get();
            commands.sendAndWait(new AssignIncidentCommand(event.incidentKey(), resolution.user().asAssignee(),
                    scheduleId, resolution.layer(), resolution.overrideId(), evaluatedAt, now, ACTOR));
        } else {
            NotAssignedReason reason = onCall.isPresent() ? NotAssignedReason.NOBODY_ON_CALL : NotAssignedReason.UNKNOWN_SCHEDULE;
            commands.sendAndWait(new RecordNotAssignedCommand(event.incidentKey(), scheduleId, reason, evaluatedAt,
                    now, ACTOR));
        }
    }
}
