package com.sizemotion.incidents.command.incident;

import com.sizemotion.incidents.api.access.Caller;
import com.sizemotion.incidents.api.web.FieldErrors;
import com.sizemotion.incidents.command.oncall.OnCallScheduleRepository;
import org.springframework.stereotype.Component;

/**
 * Checks the {@code oncall_schedule_id} of a new incident, wherever the incident comes from (the
 * API or a monitoring tool's webhook): it must exist, be visible to the caller, and belong to the
 * incident's team. A schedule the caller may not see is reported as unknown, so that a token
 * cannot learn of other teams' schedules.
 */
@Component
public class OnCallScheduleChoice {

    private final OnCallScheduleRepository schedules;

    OnCallScheduleChoice(OnCallScheduleRepository schedules) {
        this.schedules = schedules;
    }

    /** Throws the API's 422 when the schedule cannot assign incidents of {@code teamId}; {@code null} is no schedule. */
    public void requireFor(Long scheduleId, long teamId, Caller caller) {
        if (scheduleId == null) {
            return;
        }
        long owner = caller.visible(schedules.teamOf(scheduleId), Long::longValue)
                .orElseThrow(() -> FieldErrors.single("oncall_schedule_id", "The selected oncall schedule id is invalid."));
        if (owner != teamId) {
            throw FieldErrors.single("oncall_schedule_id",
                    "The selected oncall schedule does not belong to team " + teamId + ".");
        }
    }
}
