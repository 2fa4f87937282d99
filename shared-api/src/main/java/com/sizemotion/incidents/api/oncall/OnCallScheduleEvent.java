package com.sizemotion.incidents.api.oncall;

import com.sizemotion.incidents.api.access.Actor;

import java.time.Instant;

/** A change of an on-call schedule: who made it and when. The schedule's event stream is its history. */
public interface OnCallScheduleEvent {

    long scheduleId();

    Instant changedAt();

    Actor actor();
}
