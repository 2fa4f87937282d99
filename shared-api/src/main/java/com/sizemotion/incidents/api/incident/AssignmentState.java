package com.sizemotion.incidents.api.incident;

/**
 * Where the on-call assignment of an incident stands, as {@link IncidentView#assignment()} shows it
 * (lower-case); incidents created without {@code assign_to_oncall} have none.
 */
public enum AssignmentState {
    /** Asked for; the assignment has not been recorded yet. It completes even after the create answered. */
    PENDING,
    ASSIGNED,
    NOBODY_ON_CALL,
    UNKNOWN_SCHEDULE;

    public String wireName() {
        return name().toLowerCase();
    }

    public static AssignmentState of(NotAssignedReason reason) {
        return switch (reason) {
            case NOBODY_ON_CALL -> NOBODY_ON_CALL;
            case UNKNOWN_SCHEDULE -> UNKNOWN_SCHEDULE;
        };
    }
}
