package com.sizemotion.incidents.api.oncall;

import com.sizemotion.incidents.api.access.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * Puts a user on call for a window, above every layer of the schedule.
 *
 * @param overrideId public id, drawn before the command is sent
 */
public record AddOnCallOverrideCommand(
        long scheduleId,
        long overrideId,
        long userId,
        Instant startsAt,
        Instant endsAt,
        Instant requestedAt,
        Actor actor) {

    @TargetAggregateIdentifier
    public String scheduleKey() {
        return OnCallScheduleKey.of(scheduleId);
    }
}
