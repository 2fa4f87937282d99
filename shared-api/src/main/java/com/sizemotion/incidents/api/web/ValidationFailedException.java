package com.sizemotion.incidents.api.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A request the API refuses with 422 and these messages per field. */
public class ValidationFailedException extends RuntimeException {

    private final Map<String, List<String>> errors;

    public ValidationFailedException(Map<String, List<String>> errors) {
        super("Validation failed: " + errors);
        this.errors = new LinkedHashMap<>(errors);
    }

    public Map<String, List<String>> errors() {
        return errors;
    }
}
