package com.sizemotion.incidents.api.access;

/** A caller tried to act for a team outside its scope; answered with 403 and this message. */
public class TeamAccessDeniedException extends RuntimeException {

    public TeamAccessDeniedException(long teamId) {
        super("This API token may not access team " + teamId + ".");
    }
}
