package com.sizemotion.incidents.api.oncall;

import com.sizemotion.incidents.api.access.Actor;

import java.time.Instant;

/** An override was removed; it no longer counts from {@code changedAt} on. */
public record OnCallOverrideRemovedEvent(
        long scheduleId,
        long overrideId,
        Instant changedAt,
        Actor actor) implements OnCallScheduleEvent {
}
