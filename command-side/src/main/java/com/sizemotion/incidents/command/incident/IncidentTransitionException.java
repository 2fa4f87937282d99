package com.sizemotion.incidents.command.incident;

/** A lifecycle change that makes no sense in the incident's current state (answered with 409). */
public class IncidentTransitionException extends RuntimeException {

    public IncidentTransitionException(String message) {
        super(message);
    }
}
