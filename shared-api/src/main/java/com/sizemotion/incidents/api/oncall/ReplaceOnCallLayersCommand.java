package com.sizemotion.incidents.api.oncall;

import com.sizemotion.incidents.api.access.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.List;

/** Replaces the layers of a schedule from now on; who was on call before stays as it was. */
public record ReplaceOnCallLayersCommand(
        long scheduleId,
        List<OnCallLayer> layers,
        Instant requestedAt,
        Actor actor) {

    @TargetAggregateIdentifier
    public String scheduleKey() {
        return OnCallScheduleKey.of(scheduleId);
    }
}
