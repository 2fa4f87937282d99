package com.sizemotion.incidents.command.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.sizemotion.incidents.api.web.FieldErrors;

import java.util.Iterator;
import java.util.Set;

/**
 * Reads the fields of a JSON request body the way clients of a webhook API send them: numbers may
 * arrive as strings, empty strings mean "not given", and every problem becomes a message in
 * {@link FieldErrors} worded like the API document ("The team id field is required.").
 */
public final class JsonFields {

    private final JsonNode body;
    private final FieldErrors errors;

    public JsonFields(JsonNode body, FieldErrors errors) {
        this.body = body;
        this.errors = errors;
    }

    public FieldErrors errors() {
        return errors;
    }

    /** Reports every field of the body that is not one of {@code known}. */
    public void rejectUnknown(Set<String> known) {
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                errors.add(name, "The " + name + " field is not a recognised field.");
            }
        }
    }

    /** The field's node, or {@code null} when it is absent, null or an empty string. */
    public JsonNode given(String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull() || (node.isTextual() && node.asText().isBlank())) {
            return null;
        }
        return node;
    }

    public Long requiredInteger(String field) {
        if (given(field) == null) {
            errors.add(field, "The " + label(field) + " field is required.");
            return null;
        }
        return optionalInteger(field);
    }

    public Long optionalInteger(String field) {
        JsonNode node = given(field);
        if (node == null) {
            return null;
        }
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            return node.asLong();
        }
        if (node.isTextual() && node.asText().trim().matches("-?\\d{1,18}")) {
            return Long.parseLong(node.asText().trim());
        }
        errors.add(field, "The " + label(field) + " must be an integer.");
        return null;
    }

    public String requiredString(String field, int maxLength) {
        if (given(field) == null) {
            errors.add(field, "The " + label(field) + " field is required.");
            return null;
        }
        return optionalString(field, maxLength);
    }

    /** A string, trimmed; integers are accepted and kept as their decimal text. */
    public String optionalString(String field, int maxLength) {
        JsonNode node = given(field);
        if (node == null) {
            return null;
        }
        if (!node.isTextual() && !node.isIntegralNumber()) {
            errors.add(field, "The " + label(field) + " must be a string.");
            return null;
        }
        String value = node.asText().trim();
        if (value.length() > maxLength) {
            errors.add(field, "The " + label(field) + " must not be greater than " + maxLength + " characters.");
            return null;
        }
        return value;
    }

    /** {@code true}, {@code false}, 1, 0, "true", "false", "1" and "0", as form-minded clients send them. */
    public boolean optionalBoolean(String field) {
        JsonNode node = given(field);
        if (node == null) {
            return false;
        }
        if (node.isBoolean()) {
            return node.asBoolean();
        }
        String text = node.asText().trim().toLowerCase();
        if (text.equals("true") || text.equals("1")) {
            return true;
        }
        if (text.equals("false") || text.equals("0")) {
            return false;
        }
        errors.add(field, "The " + label(field) + " field must be true or false.");
        return false;
    }

    /** How the API document names a field in its messages: {@code team_id} is "team id". */
    public static String label(String field) {
        return field.replace('_', ' ');
    }
}
