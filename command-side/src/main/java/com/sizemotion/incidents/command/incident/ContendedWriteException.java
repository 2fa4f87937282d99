package com.sizemotion.incidents.command.incident;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * Other writers changed the same incident at every attempt of a write, so nothing was written:
 * answered 503 with {@code Retry-After}, since sending the request again is safe.
 */
public class ContendedWriteException extends ErrorResponseException {

    static final String MESSAGE = "Other requests changed this incident at the same moment, so nothing was"
            + " written; send the request again.";
    static final String RETRY_AFTER_SECONDS = "1";

    ContendedWriteException(Throwable lastLostRace) {
        super(HttpStatus.SERVICE_UNAVAILABLE, ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, MESSAGE),
                lastLostRace);
        getHeaders().set(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
    }
}
