package com.sizemotion.incidents.command.oncall;

/** A schedule change that the schedule's current state does not allow; answered with 422 on {@code field}. */
public class ScheduleChangeRejectedException extends RuntimeException {

    private final String field;

    ScheduleChangeRejectedException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
