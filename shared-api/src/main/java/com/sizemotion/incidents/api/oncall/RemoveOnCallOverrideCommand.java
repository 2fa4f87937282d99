package com.sizemotion.incidents.api.oncall;

import com.sizemotion.incidents.api.access.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Ends an override now; the part of it that has passed stays in force in the past. */
public record RemoveOnCallOverrideCommand(
        long scheduleId,
        long overrideId,
        Instant requestedAt,
        Actor actor) {

    @TargetAggregateIdentifier
    public String scheduleKey() {
        return OnCallScheduleKey.of(scheduleId);
    }
}
