package com.sizemotion.incidents.api.web;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects validation messages per request field (or query parameter) and turns them into the API
 * document's 422 answer: {@code {"success":false,"message":"Validation failed","errors":{field:[messages]}}}.
 */
public final class FieldErrors {

    private final Map<String, List<String>> errors = new LinkedHashMap<>();

    public void add(String field, String message) {
        errors.computeIfAbsent(field, f -> new ArrayList<>()).add(message);
    }

    public boolean has(String field) {
        return errors.containsKey(field);
    }

    public boolean isEmpty() {
        return errors.isEmpty();
    }

    /** The messages per field, for pages that show them next to their form fields. */
    public Map<String, List<String>> messages() {
        return Collections.unmodifiableMap(errors);
    }

    /** Throws the 422 answer when any message was collected. */
    public void throwIfAny() {
        if (!errors.isEmpty()) {
            throw new ValidationFailedException(errors);
        }
    }

    public static ValidationFailedException single(String field, String message) {
        return new ValidationFailedException(Map.of(field, List.of(message)));
    }
}
