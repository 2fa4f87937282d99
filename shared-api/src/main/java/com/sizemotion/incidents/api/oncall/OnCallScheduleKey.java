package com.sizemotion.incidents.api.oncall;

/** Aggregate identifiers of on-call schedules: {@code oncall-schedule-<id>}, apart from every other aggregate type. */
public final class OnCallScheduleKey {

    private OnCallScheduleKey() {
    }

    public static String of(long scheduleId) {
        return "oncall-schedule-" + scheduleId;
    }
}
