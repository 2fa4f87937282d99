package com.sizemotion.incidents.api.oncall;

import com.sizemotion.incidents.api.access.Actor;

import java.time.Instant;
import java.util.List;

/**
 * Creates an on-call schedule of a team.
 *
 * @param scheduleId public id, drawn before the command is sent
 * @param timeZone   IANA zone whose wall clock the shifts follow
 * @param layers     later layers take precedence over earlier ones
 */
public record CreateOnCallScheduleCommand(
        long scheduleId,
        long teamId,
        String name,
        String timeZone,
        List<OnCallLayer> layers,
        Instant requestedAt,
        Actor actor) {
}
