package com.sizemotion.incidents.api.incident;

/** Why an incident that asked for the on-call user stayed unassigned. */
public enum NotAssignedReason {
    /** The schedule had nobody on call at the incident's creation. */
    NOBODY_ON_CALL,
    /** The schedule does not exist (only for incidents accepted before schedules were validated). */
    UNKNOWN_SCHEDULE
}
