package com.sizemotion.incidents.api.oncall;

import com.sizemotion.incidents.api.access.Actor;

import java.time.Instant;
import java.util.List;

/** The schedule's layers were replaced; the new ones apply from {@code changedAt}, the old ones before it. */
public record OnCallLayersReplacedEvent(
        long scheduleId,
        List<OnCallLayer> layers,
        Instant changedAt,
        Actor actor) implements OnCallScheduleEvent {
}
