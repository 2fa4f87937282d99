package com.sizemotion.incidents.command.integration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sizemotion.incidents.api.web.FieldErrors;
import com.sizemotion.incidents.api.web.StorableText;

import java.util.Iterator;
import java.util.Map;

/**
 * Reads the values of a tool's JSON payload leniently: a number is read as its text, and a value
 * that is absent, {@code null}, blank, or a template variable the tool left unfilled
 * ({@code "$ALERT_PRIORITY"}) counts as not given. Tools send their text as they have it, so text
 * PostgreSQL cannot store is {@link StorableText#clean cleaned} (U+0000 and lone surrogates become
 * U+FFFD), except in the fields that identify an alert ({@link #key}): cleaning those could merge
 * two alerts into one incident, so they are refused.
 */
public final class PayloadText {

    private PayloadText() {
    }

    /** The trimmed, cleaned text of {@code node.field}, or {@code null}. */
    public static String of(JsonNode node, String field) {
        return StorableText.clean(raw(node, field));
    }

    /**
     * The trimmed text of a field that identifies an alert, exactly as sent, or {@code null}; text
     * that cannot be stored is reported under {@code path} and read as {@code null}.
     */
    public static String key(JsonNode node, String field, String path, FieldErrors errors) {
        String text = raw(node, field);
        if (text != null && !StorableText.isStorable(text)) {
            errors.add(path, StorableText.message(path) + " It identifies the alert, so it is not cleaned.");
            return null;
        }
        return text;
    }

    /** A copy of a part of the payload with its text cleaned, field names included, to keep as metadata. */
    public static JsonNode cleaned(JsonNode node) {
        if (node.isTextual()) {
            return JsonNodeFactory.instance.textNode(StorableText.clean(node.textValue()));
        }
        if (node.isObject()) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                copy.set(StorableText.clean(field.getKey()), cleaned(field.getValue()));
            }
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode(node.size());
            node.forEach(element -> copy.add(cleaned(element)));
            return copy;
        }
        return node;
    }

    private static String raw(JsonNode node, String field) {
        if (node == null || !node.isObject()) {
            return null;
        }
        JsonNode value = node.get(field);
        if (value == null || !(value.isTextual() || value.isNumber() || value.isBoolean())) {
            return null;
        }
        String text = value.asText().trim();
        if (text.isEmpty() || text.matches("\\$[A-Z][A-Z0-9_]*")) {
            return null;
        }
        return text;
    }
}
