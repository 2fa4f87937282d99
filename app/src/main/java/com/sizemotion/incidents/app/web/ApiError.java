package com.sizemotion.incidents.app.web;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;
import java.util.Map;

/** The envelope of every failure: {@code {"success":false,"message":…,"errors":{…}}}; errors only for 422. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiError(boolean success, String message, Map<String, List<String>> errors) {

    public static ApiError of(String message) {
        return new ApiError(false, message, null);
    }
}
