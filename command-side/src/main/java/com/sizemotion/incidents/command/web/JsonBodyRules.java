package com.sizemotion.incidents.command.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.sizemotion.incidents.api.web.FieldErrors;
import com.sizemotion.incidents.api.web.StorableText;

import java.util.Iterator;
import java.util.Map;

/**
 * What every JSON request body must hold to be accepted, whatever its endpoint: no text PostgreSQL
 * cannot store ({@link StorableText}), in field names as in values, at any depth; numbers that are
 * finite; nesting of at most {@value #MAX_DEPTH} levels. Problems are reported per field, named
 * {@code object.field} and {@code array.index} as {@link JsonFields} names them ({@code metadata.host},
 * {@code tags.0}).
 */
public final class JsonBodyRules {

    public static final int MAX_DEPTH = 64;

    private JsonBodyRules() {
    }

    /** Every problem of a request body of the API. */
    public static void check(JsonNode body, FieldErrors errors) {
        if (checkDepth(body, errors)) {
            check(body, "", errors);
        }
    }

    /** Reports a body nesting deeper than {@value #MAX_DEPTH} levels; {@code true} when it does not. */
    public static boolean checkDepth(JsonNode body, FieldErrors errors) {
        if (exceedsDepth(body, MAX_DEPTH)) {
            errors.add("body", depthMessage("request body", MAX_DEPTH));
            return false;
        }
        return true;
    }

    /** Whether the node nests deeper than {@code maxDepth} levels; an object or array is one level, a value none. */
    public static boolean exceedsDepth(JsonNode node, int maxDepth) {
        if (!node.isContainerNode()) {
            return false;
        }
        if (maxDepth == 0) {
            return true;
        }
        for (JsonNode child : node) {
            if (exceedsDepth(child, maxDepth - 1)) {
                return true;
            }
        }
        return false;
    }

    public static String depthMessage(String field, int maxDepth) {
        return "The " + field + " must not nest more than " + maxDepth + " levels deep.";
    }

    private static void check(JsonNode node, String path, FieldErrors errors) {
        String field = path.isEmpty() ? "body" : path;
        if (node.isTextual() && !StorableText.isStorable(node.textValue())) {
            errors.add(field, StorableText.message(JsonFields.label(field)));
        } else if (node.isFloatingPointNumber() && !Double.isFinite(node.doubleValue())) {
            errors.add(field, "The " + JsonFields.label(field) + " must be a finite number.");
        } else if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> child = fields.next();
                String childPath = child(path, StorableText.clean(child.getKey()));
                if (!StorableText.isStorable(child.getKey())) {
                    errors.add(childPath, StorableText.message("name of " + JsonFields.label(childPath)));
                }
                check(child.getValue(), childPath, errors);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                check(node.get(i), child(path, String.valueOf(i)), errors);
            }
        }
    }

    private static String child(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }
}
