package com.sizemotion.incidents.api.oncall;

import com.sizemotion.incidents.api.access.Actor;

import java.time.Instant;
import java.util.List;

/** An on-call schedule was created; its layers describe the rotation from each layer's {@code startsAt}. */
public record OnCallScheduleCreatedEvent(
        long scheduleId,
        long teamId,
        String name,
        String timeZone,
        List<OnCallLayer> layers,
        Instant changedAt,
        Actor actor) implements OnCallScheduleEvent {
}
