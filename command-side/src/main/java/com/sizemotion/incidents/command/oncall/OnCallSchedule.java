package com.sizemotion.incidents.command.oncall;

import com.sizemotion.incidents.api.oncall.AddOnCallOverrideCommand;
import com.sizemotion.incidents.api.oncall.CreateOnCallScheduleCommand;
import com.sizemotion.incidents.api.oncall.OnCallLayersReplacedEvent;
import com.sizemotion.incidents.api.oncall.OnCallOverrideAddedEvent;
import com.sizemotion.incidents.api.oncall.OnCallOverrideRemovedEvent;
import com.sizemotion.incidents.api.oncall.OnCallScheduleCreatedEvent;
import com.sizemotion.incidents.api.oncall.OnCallScheduleKey;
import com.sizemotion.incidents.api.oncall.RemoveOnCallOverrideCommand;
import com.sizemotion.incidents.api.oncall.ReplaceOnCallLayersCommand;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * An on-call schedule of a team. Every change is an event with its actor and time, so the
 * schedule's event stream answers who changed what and when; a change counts from the moment it is
 * made and never rewrites who was on call before.
 */
@Aggregate
public class OnCallSchedule {

    @AggregateIdentifier
    private String scheduleKey;
    private long scheduleId;
    /** When each override stops counting: its end, or its removal if that came first. */
    private final Map<Long, Instant> overrideEnds = new HashMap<>();

    protected OnCallSchedule() {
    }

    @CommandHandler
    public OnCallSchedule(CreateOnCallScheduleCommand command) {
        apply(new OnCallScheduleCreatedEvent(command.scheduleId(), command.teamId(), command.name(),
                command.timeZone(), command.layers(), command.requestedAt(), command.actor()));
    }

    @CommandHandler
    void handle(ReplaceOnCallLayersCommand command) {
        apply(new OnCallLayersReplacedEvent(scheduleId, command.layers(), command.requestedAt(), command.actor()));
    }

    @CommandHandler
    void handle(AddOnCallOverrideCommand command) {
        if (!command.endsAt().isAfter(command.requestedAt())) {
            throw new ScheduleChangeRejectedException("ends_at", "The ends at must be a date after now.");
        }
        apply(new OnCallOverrideAddedEvent(scheduleId, command.overrideId(), command.userId(), command.startsAt(),
                command.endsAt(), command.requestedAt(), command.actor()));
    }

    @CommandHandler
    void handle(RemoveOnCallOverrideCommand command) {
        Instant end = overrideEnds.get(command.overrideId());
        if (end == null) {
            throw new ScheduleChangeRejectedException("override_id", "The selected override id is invalid.");
        }
        if (!end.isAfter(command.requestedAt())) {
            throw new ScheduleChangeRejectedException("override_id", "The override has ended already.");
        }
        apply(new OnCallOverrideRemovedEvent(scheduleId, command.overrideId(), command.requestedAt(), command.actor()));
    }

    @EventSourcingHandler
    void on(OnCallScheduleCreatedEvent event) {
        scheduleKey = OnCallScheduleKey.of(event.scheduleId());
        scheduleId = event.scheduleId();
    }

    @EventSourcingHandler
    void on(OnCallOverrideAddedEvent event) {
        overrideEnds.put(event.overrideId(), event.endsAt());
    }

    @EventSourcingHandler
    void on(OnCallOverrideRemovedEvent event) {
        overrideEnds.computeIfPresent(event.overrideId(), (id, end) -> event.changedAt().isBefore(end) ? event.changedAt() : end);
    }
}
