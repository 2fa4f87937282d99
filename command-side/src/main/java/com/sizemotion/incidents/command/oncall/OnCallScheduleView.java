package com.sizemotion.incidents.command.oncall;

import com.sizemotion.incidents.api.oncall.OnCallLayer;

import java.time.Instant;
import java.util.List;

/**
 * A schedule as the API shows it: its current layers and its current and coming overrides (past
 * ones are in its history).
 */
public record OnCallScheduleView(
        long id,
        long teamId,
        String name,
        String timeZone,
        List<OnCallLayer> layers,
        List<OverrideView> overrides,
        Instant createdAt,
        Instant updatedAt) {

    /** An override as the API shows it; {@code removedAt} is set once it was removed. */
    public record OverrideView(long id, long scheduleId, long userId, Instant startsAt, Instant endsAt,
                               Instant createdAt, Instant removedAt) {
    }
}
