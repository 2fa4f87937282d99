package com.sizemotion.incidents.command.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.sizemotion.incidents.api.web.FieldErrors;
import com.sizemotion.incidents.api.web.InstantRange;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
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
    private final String prefix;

    public JsonFields(JsonNode body, FieldErrors errors) {
        this(body, errors, "");
    }

    private JsonFields(JsonNode body, FieldErrors errors, String prefix) {
        this.body = body;
        this.errors = errors;
        this.prefix = prefix;
    }

    /**
     * The fields of one object in an array of objects, reported as {@code array.index.field}
     * ("The layers.0.name field is required."), the way Laravel names nested fields.
     */
    public JsonFields element(String arrayField, int index, JsonNode element) {
        return new JsonFields(element, errors, prefix + arrayField + "." + index + ".");
    }

    /** How a field of this object is named in error messages and in the {@code errors} map. */
    public String key(String field) {
        return prefix + field;
    }

    public FieldErrors errors() {
        return errors;
    }

    /** Reports every field of the body that is not one of {@code known}. */
    public void rejectUnknown(Set<String> known) {
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                errors.add(key(name), "The " + key(name) + " field is not a recognised field.");
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
            errors.add(key(field), "The " + label(key(field)) + " field is required.");
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
        errors.add(key(field), "The " + label(key(field)) + " must be an integer.");
        return null;
    }

    public String requiredString(String field, int maxLength) {
        if (given(field) == null) {
            errors.add(key(field), "The " + label(key(field)) + " field is required.");
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
            errors.add(key(field), "The " + label(key(field)) + " must be a string.");
            return null;
        }
        String value = node.asText().trim();
        if (value.length() > maxLength) {
            errors.add(key(field), "The " + label(key(field)) + " must not be greater than " + maxLength + " characters.");
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
        errors.add(key(field), "The " + label(key(field)) + " field must be true or false.");
        return false;
    }

    /** An ISO-8601 date-time with an offset ({@code 2026-11-02T09:00:00Z}), as an instant. */
    public Instant requiredInstant(String field) {
        if (given(field) == null) {
            errors.add(key(field), "The " + label(key(field)) + " field is required.");
            return null;
        }
        return optionalInstant(field);
    }

    public Instant optionalInstant(String field) {
        JsonNode node = given(field);
        if (node == null) {
            return null;
        }
        Instant instant;
        try {
            instant = OffsetDateTime.parse(node.asText().trim()).toInstant();
        } catch (DateTimeParseException e) {
            errors.add(key(field), instantMessage(key(field)));
            return null;
        }
        if (!InstantRange.contains(instant)) {
            errors.add(key(field), InstantRange.message(label(key(field))));
            return null;
        }
        return instant;
    }

    /** The message for a date-time that does not parse. */
    public static String instantMessage(String field) {
        return "The " + label(field) + " must be an ISO-8601 date-time with an offset, such as 2026-11-02T09:00:00Z.";
    }

    /** How the API document names a field in its messages: {@code team_id} is "team id". */
    public static String label(String field) {
        return field.replace('_', ' ');
    }
}
