package com.sizemotion.incidents.command.integration;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reads the values of a tool's JSON payload leniently: a number is read as its text, and a value
 * that is absent, {@code null}, blank, or a template variable the tool left unfilled
 * ({@code "$ALERT_PRIORITY"}) counts as not given.
 */
public final class PayloadText {

    private PayloadText() {
    }

    /** The trimmed text of {@code node.field}, or {@code null}. */
    public static String of(JsonNode node, String field) {
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
