package com.sizemotion.incidents.app.token;

import com.fasterxml.jackson.databind.JsonNode;
import com.sizemotion.incidents.command.team.TeamRepository;
import com.sizemotion.incidents.api.web.FieldErrors;
import com.sizemotion.incidents.api.web.InstantRange;
import com.sizemotion.incidents.command.web.JsonFields;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Validates what an admin sends to create or change a token, for the admin API and the Admin
 * Settings page alike, collecting every problem in {@link FieldErrors}.
 */
@Component
class ApiTokenRequests {

    private static final int NAME_MAX = 100;
    private static final int RATE_LIMIT_MAX = 1_000_000;
    private static final Set<String> NEW_TOKEN_FIELDS = Set.of("name", "team_ids", "rate_limit_per_minute", "expires_at");
    static final String PAGERDUTY_SIGNING_SECRET = "pagerduty_signing_secret";
    private static final Set<String> CHANGE_FIELDS = Set.of("name", "team_ids", "rate_limit_per_minute",
            PAGERDUTY_SIGNING_SECRET);

    private final TeamRepository teams;
    private final Clock clock;
    private final int defaultRateLimit;

    ApiTokenRequests(TeamRepository teams, Clock clock,
                     @Value("${incidents.rate-limit.default-per-minute}") int defaultRateLimit) {
        this.teams = teams;
        this.clock = clock;
        this.defaultRateLimit = defaultRateLimit;
    }

    /** The new token, or {@code null} when {@code errors} says why not. */
    NewApiToken newToken(JsonNode body, FieldErrors errors) {
        JsonFields fields = fields(body, errors, NEW_TOKEN_FIELDS);
        if (fields == null) {
            return null;
        }
        String name = fields.requiredString("name", NAME_MAX);
        Set<Long> teamIds = teamIds(fields);
        Integer rateLimit = rateLimit(fields);
        Instant expiresAt = expiresAt(fields);
        return errors.isEmpty()
                ? new NewApiToken(name, teamIds, rateLimit == null ? defaultRateLimit : rateLimit, expiresAt)
                : null;
    }

    /**
     * The changes, or {@code null} when {@code errors} says why not. Absent fields stay as they
     * are; {@code "team_ids": null} widens the token to every team.
     */
    ApiTokenChanges changes(JsonNode body, FieldErrors errors) {
        JsonFields fields = fields(body, errors, CHANGE_FIELDS);
        if (fields == null) {
            return null;
        }
        String name = null;
        if (body.has("name")) {
            name = fields.optionalString("name", NAME_MAX);
            if (name == null && !errors.has("name")) {
                errors.add("name", "The name field must not be empty.");
            }
        }
        boolean widensToAllTeams = body.has("team_ids") && body.get("team_ids").isNull();
        Set<Long> teamIds = teamIds(fields);
        Integer rateLimit = rateLimit(fields);
        boolean changesSigningSecret = body.has(PAGERDUTY_SIGNING_SECRET);
        String signingSecret = changesSigningSecret ? signingSecret(body.get(PAGERDUTY_SIGNING_SECRET), errors) : null;
        return errors.isEmpty()
                ? new ApiTokenChanges(name, widensToAllTeams || teamIds != null, teamIds, rateLimit,
                        changesSigningSecret, signingSecret)
                : null;
    }

    /** The PagerDuty signing secret to set, or {@code null} to remove it. */
    private static String signingSecret(JsonNode secret, FieldErrors errors) {
        if (secret.isNull()) {
            return null;
        }
        if (!secret.isTextual() || secret.asText().isBlank() || secret.asText().trim().length() > PagerDutySigningSecrets.SECRET_MAX) {
            errors.add(PAGERDUTY_SIGNING_SECRET, "The pagerduty signing secret must be a non-empty string of at most "
                    + PagerDutySigningSecrets.SECRET_MAX + " characters, or null.");
            return null;
        }
        return secret.asText().trim();
    }

    private static JsonFields fields(JsonNode body, FieldErrors errors, Set<String> known) {
        if (body == null || !body.isObject()) {
            errors.add("body", "The request body must be a JSON object.");
            return null;
        }
        JsonFields fields = new JsonFields(body, errors);
        fields.rejectUnknown(known);
        return fields;
    }

    private Set<Long> teamIds(JsonFields fields) {
        JsonNode node = fields.given("team_ids");
        if (node == null) {
            return null;
        }
        if (!node.isArray() || node.isEmpty()) {
            fields.errors().add("team_ids", "The team ids must be a non-empty array of team ids.");
            return null;
        }
        Set<Long> ids = new LinkedHashSet<>();
        for (JsonNode id : node) {
            Long teamId = teamId(id);
            if (teamId == null || !teams.exists(teamId)) {
                fields.errors().add("team_ids", "The selected team ids are invalid.");
                return null;
            }
            ids.add(teamId);
        }
        return ids;
    }

    private static Long teamId(JsonNode id) {
        if (id.isIntegralNumber() && id.canConvertToLong()) {
            return id.asLong();
        }
        if (id.isTextual() && id.asText().trim().matches("\\d{1,18}")) {
            return Long.parseLong(id.asText().trim());
        }
        return null;
    }

    private static Integer rateLimit(JsonFields fields) {
        Long limit = fields.optionalInteger("rate_limit_per_minute");
        if (limit != null && (limit < 1 || limit > RATE_LIMIT_MAX)) {
            fields.errors().add("rate_limit_per_minute",
                    "The rate limit per minute must be between 1 and " + RATE_LIMIT_MAX + ".");
            return null;
        }
        return limit == null ? null : limit.intValue();
    }

    private Instant expiresAt(JsonFields fields) {
        JsonNode node = fields.given("expires_at");
        if (node == null) {
            return null;
        }
        try {
            Instant expiresAt = Instant.parse(node.asText().trim());
            if (!InstantRange.contains(expiresAt)) {
                fields.errors().add("expires_at", InstantRange.message("expires at"));
                return null;
            }
            if (!expiresAt.isAfter(clock.instant())) {
                fields.errors().add("expires_at", "The expires at must be a date in the future.");
                return null;
            }
            return expiresAt;
        } catch (DateTimeParseException e) {
            fields.errors().add("expires_at", "The expires at must be an ISO-8601 instant such as 2027-01-31T00:00:00Z.");
            return null;
        }
    }
}
