package com.sizemotion.incidents.app.token;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * The "Create New Token" form of the Admin Settings page, as submitted. It becomes the admin API's
 * request body, so that the page and the API validate alike.
 *
 * @param expiresAt a {@code datetime-local} value, read as UTC
 */
record ApiTokenForm(String name, List<String> teamIds, String rateLimitPerMinute, String expiresAt) {

    static ApiTokenForm empty(int defaultRateLimit) {
        return new ApiTokenForm("", List.of(), Integer.toString(defaultRateLimit), "");
    }

    public boolean includesTeam(long teamId) {
        return teamIds != null && teamIds.contains(Long.toString(teamId));
    }

    JsonNode asRequestBody() {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("name", name);
        if (teamIds != null && !teamIds.isEmpty()) {
            teamIds.forEach(body.putArray("team_ids")::add);
        }
        body.put("rate_limit_per_minute", rateLimitPerMinute);
        body.put("expires_at", instant(expiresAt));
        return body;
    }

    private static String instant(String localDateTime) {
        if (localDateTime == null || localDateTime.isBlank()) {
            return null;
        }
        try {
            return LocalDateTime.parse(localDateTime.trim()).toInstant(ZoneOffset.UTC).toString();
        } catch (DateTimeParseException e) {
            return localDateTime;
        }
    }
}
