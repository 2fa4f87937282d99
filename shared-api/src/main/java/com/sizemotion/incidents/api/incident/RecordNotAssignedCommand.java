package com.sizemotion.incidents.api.incident;

import com.sizemotion.incidents.api.access.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Records that the on-call assignment of an incident found nobody. Idempotent. */
public record RecordNotAssignedCommand(
        @TargetAggregateIdentifier String incidentKey,
        long scheduleId,
        NotAssignedReason reason,
        Instant evaluatedAt,
        Instant requestedAt,
        Actor actor) {
}
