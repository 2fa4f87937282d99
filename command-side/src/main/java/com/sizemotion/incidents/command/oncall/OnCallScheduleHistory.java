package com.sizemotion.incidents.command.oncall;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.sizemotion.incidents.api.access.Actor;
import com.sizemotion.incidents.api.oncall.OnCallLayersReplacedEvent;
import com.sizemotion.incidents.api.oncall.OnCallOverrideAddedEvent;
import com.sizemotion.incidents.api.oncall.OnCallOverrideRemovedEvent;
import com.sizemotion.incidents.api.oncall.OnCallScheduleCreatedEvent;
import com.sizemotion.incidents.api.oncall.OnCallScheduleEvent;
import com.sizemotion.incidents.api.oncall.OnCallScheduleKey;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A schedule's history, read from its event stream: every change with who made it and when. */
@Component
class OnCallScheduleHistory {

    /**
     * One change.
     *
     * @param change  {@code schedule_created}, {@code layers_replaced}, {@code override_added} or
     *                {@code override_removed}
     * @param details what changed: the event without the fields shown beside it
     */
    record Change(long sequence, String change, Instant changedAt, Actor actor,
                  @JsonIgnoreProperties({"schedule_id", "changed_at", "actor"}) OnCallScheduleEvent details) {
    }

    private static final Map<Class<?>, String> CHANGES = Map.of(
            OnCallScheduleCreatedEvent.class, "schedule_created",
            OnCallLayersReplacedEvent.class, "layers_replaced",
            OnCallOverrideAddedEvent.class, "override_added",
            OnCallOverrideRemovedEvent.class, "override_removed");

    private final EventStore events;

    OnCallScheduleHistory(EventStore events) {
        this.events = events;
    }

    List<Change> of(long scheduleId) {
        return events.readEvents(OnCallScheduleKey.of(scheduleId)).asStream()
                .map(message -> {
                    OnCallScheduleEvent event = (OnCallScheduleEvent) message.getPayload();
                    return new Change(message.getSequenceNumber(), CHANGES.get(event.getClass()), event.changedAt(),
                            event.actor(), event);
                })
                .toList();
    }
}
