package com.sizemotion.incidents.app.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import java.util.List;
import java.util.Map;

/** The envelope of every failure: {@code {"success":false,"message":…,"errors":{…}}}; errors only for 422. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiError(boolean success, String message, Map<String, List<String>> errors) {

    public static ApiError of(String message) {
        return new ApiError(false, message, null);
    }

    /**
     * An answer with {@code status} that is JSON whatever the request's {@code Accept} header asks
     * for: a preset content type skips Spring's negotiation, which would otherwise send no body.
     */
    public static ResponseEntity.BodyBuilder answer(HttpStatusCode status) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON);
    }
}
