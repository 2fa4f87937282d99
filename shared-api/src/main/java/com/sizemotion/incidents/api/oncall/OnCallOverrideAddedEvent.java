package com.sizemotion.incidents.api.oncall;

import com.sizemotion.incidents.api.access.Actor;

import java.time.Instant;

/**
 * A user was put on call from {@code startsAt} to {@code endsAt}. The override counts from
 * {@code changedAt} at the earliest: a change never rewrites who was on call before it was made.
 */
public record OnCallOverrideAddedEvent(
        long scheduleId,
        long overrideId,
        long userId,
        Instant startsAt,
        Instant endsAt,
        Instant changedAt,
        Actor actor) implements OnCallScheduleEvent {
}
