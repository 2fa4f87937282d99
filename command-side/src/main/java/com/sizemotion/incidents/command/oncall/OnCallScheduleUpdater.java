package com.sizemotion.incidents.command.oncall;

import com.sizemotion.incidents.api.oncall.OnCallLayersReplacedEvent;
import com.sizemotion.incidents.api.oncall.OnCallOverrideAddedEvent;
import com.sizemotion.incidents.api.oncall.OnCallOverrideRemovedEvent;
import com.sizemotion.incidents.api.oncall.OnCallScheduleCreatedEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.stereotype.Component;

/**
 * Keeps {@link OnCallScheduleRepository} current. Runs in the subscribing processor group
 * {@value #PROCESSING_GROUP}, i.e. inside the transaction that appends the schedule's events, so
 * that the assignment saga and the create validation see every committed change at once.
 */
@Component
@ProcessingGroup(OnCallScheduleUpdater.PROCESSING_GROUP)
class OnCallScheduleUpdater {

    static final String PROCESSING_GROUP = "oncall-schedules";

    private final OnCallScheduleRepository schedules;

    OnCallScheduleUpdater(OnCallScheduleRepository schedules) {
        this.schedules = schedules;
    }

    @EventHandler
    void on(OnCallScheduleCreatedEvent event, @SequenceNumber long revision) {
        schedules.insert(event, revision);
    }

    @EventHandler
    void on(OnCallLayersReplacedEvent event, @SequenceNumber long revision) {
        schedules.addLayerSet(event.scheduleId(), revision, event.changedAt(), event.layers());
    }

    @EventHandler
    void on(OnCallOverrideAddedEvent event) {
        schedules.addOverride(event);
    }

    @EventHandler
    void on(OnCallOverrideRemovedEvent event) {
        schedules.removeOverride(event.scheduleId(), event.overrideId(), event.changedAt());
    }
}
