package com.sizemotion.incidents.app.token;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.JsonNode;
import com.sizemotion.incidents.api.web.ApiResponse;
import com.sizemotion.incidents.command.team.TeamRepository;
import com.sizemotion.incidents.api.web.FieldErrors;
import com.sizemotion.incidents.command.web.JsonFields;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Admin API for API tokens: {@code /api/v1/admin/api-tokens}. */
@RestController
class ApiTokenController {

    /** A token as listed: everything but the secret. */
    record TokenView(long id, String name, String tokenPrefix, List<Long> teamIds, int rateLimitPerMinute,
                     Instant createdAt, Instant lastUsedAt, Instant expiresAt, Instant revokedAt) {

        static TokenView of(ApiToken token) {
            return new TokenView(token.id(), token.name(), token.tokenPrefix(),
                    token.teamIds() == null ? null : token.teamIds().stream().sorted().toList(),
                    token.rateLimitPerMinute(), token.createdAt(), token.lastUsedAt(), token.expiresAt(),
                    token.revokedAt());
        }
    }

    /** A token as listed, with whether deliveries through it must carry PagerDuty's signature (never the secret). */
    record ListedTokenView(@JsonUnwrapped TokenView token, boolean pagerdutySigningSecretSet) {
    }

    /** A token just created: the only answer that ever carries the plaintext {@code token}. */
    record CreatedTokenView(long id, String name, String token, String tokenPrefix, List<Long> teamIds,
                            int rateLimitPerMinute, Instant createdAt, Instant expiresAt) {
    }

    private static final int NAME_MAX = 100;
    private static final int RATE_LIMIT_MAX = 1_000_000;
    private static final Set<String> FIELDS = Set.of("name", "team_ids", "rate_limit_per_minute", "expires_at");
    private static final String PAGERDUTY_SIGNING_SECRET = "pagerduty_signing_secret";

    private final ApiTokens tokens;
    private final ApiTokenRepository repository;
    private final TeamRepository teams;
    private final int defaultRateLimit;
    private final PagerDutySigningSecrets pagerDutySecrets;

    ApiTokenController(ApiTokens tokens, ApiTokenRepository repository, TeamRepository teams,
                       @Value("${incidents.rate-limit.default-per-minute}") int defaultRateLimit,
                       PagerDutySigningSecrets pagerDutySecrets) {
        this.tokens = tokens;
        this.repository = repository;
        this.teams = teams;
        this.defaultRateLimit = defaultRateLimit;
        this.pagerDutySecrets = pagerDutySecrets;
    }

    @PostMapping(path = "/api/v1/admin/api-tokens", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    ApiResponse<CreatedTokenView> create(@RequestBody(required = false) JsonNode body) {
        if (body == null || !body.isObject()) {
            throw FieldErrors.single("body", "The request body must be a JSON object.");
        }
        FieldErrors errors = new FieldErrors();
        JsonFields fields = new JsonFields(body, errors);
        fields.rejectUnknown(FIELDS);
        String name = fields.requiredString("name", NAME_MAX);
        Set<Long> teamIds = teamIds(fields);
        Long rateLimit = fields.optionalInteger("rate_limit_per_minute");
        if (rateLimit != null && (rateLimit < 1 || rateLimit > RATE_LIMIT_MAX)) {
            errors.add("rate_limit_per_minute", "The rate limit per minute must be between 1 and " + RATE_LIMIT_MAX + ".");
        }
        Instant expiresAt = expiresAt(fields);
        errors.throwIfAny();
        ApiTokens.IssuedToken issued = tokens.issue(name, teamIds,
                rateLimit == null ? defaultRateLimit : rateLimit.intValue(), expiresAt);
        TokenView view = TokenView.of(issued.token());
        return ApiResponse.of(new CreatedTokenView(view.id(), view.name(), issued.plaintext(), view.tokenPrefix(),
                view.teamIds(), view.rateLimitPerMinute(), view.createdAt(), view.expiresAt()));
    }

    @GetMapping("/api/v1/admin/api-tokens")
    ApiResponse<List<ListedTokenView>> list() {
        Set<Long> signed = pagerDutySecrets.tokensWithSecret();
        return ApiResponse.of(repository.findAll().stream()
                .map(token -> new ListedTokenView(TokenView.of(token), signed.contains(token.id()))).toList());
    }

    /**
     * Sets ({@code "pagerduty_signing_secret": "…"}) or removes ({@code null}) the secret of the
     * PagerDuty v3 webhook subscription that delivers through this token.
     */
    @PatchMapping(path = "/api/v1/admin/api-tokens/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
    ApiResponse<ListedTokenView> setPagerDutySigningSecret(@PathVariable String id, @RequestBody(required = false) JsonNode body) {
        if (body == null || !body.isObject()) {
            throw FieldErrors.single("body", "The request body must be a JSON object.");
        }
        FieldErrors errors = new FieldErrors();
        new JsonFields(body, errors).rejectUnknown(Set.of(PAGERDUTY_SIGNING_SECRET));
        JsonNode secret = body.get(PAGERDUTY_SIGNING_SECRET);
        if (secret == null) {
            errors.add(PAGERDUTY_SIGNING_SECRET, "The pagerduty signing secret field is required (null removes the secret).");
        } else if (!secret.isNull() && (!secret.isTextual() || secret.asText().isBlank()
                || secret.asText().trim().length() > PagerDutySigningSecrets.SECRET_MAX)) {
            errors.add(PAGERDUTY_SIGNING_SECRET, "The pagerduty signing secret must be a non-empty string of at most "
                    + PagerDutySigningSecrets.SECRET_MAX + " characters, or null.");
        }
        errors.throwIfAny();
        long tokenId = parseId(id).orElseThrow(ApiTokenController::tokenNotFound);
        if (!pagerDutySecrets.change(tokenId, secret.isNull() ? null : secret.asText().trim())) {
            throw tokenNotFound();
        }
        ApiToken token = repository.findById(tokenId).orElseThrow(ApiTokenController::tokenNotFound);
        return ApiResponse.of(new ListedTokenView(TokenView.of(token), !secret.isNull()));
    }

    private static Optional<Long> parseId(String id) {
        try {
            return Optional.of(Long.parseLong(id));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static ResponseStatusException tokenNotFound() {
        return new ResponseStatusException(HttpStatus.NOT_FOUND, "API token not found.");
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
            if (!id.isIntegralNumber() || !id.canConvertToLong() || !teams.exists(id.asLong())) {
                fields.errors().add("team_ids", "The selected team ids are invalid.");
                return null;
            }
            ids.add(id.asLong());
        }
        return ids;
    }

    private static Instant expiresAt(JsonFields fields) {
        JsonNode node = fields.given("expires_at");
        if (node == null) {
            return null;
        }
        try {
            return Instant.parse(node.asText());
        } catch (DateTimeParseException e) {
            fields.errors().add("expires_at", "The expires at must be an ISO-8601 instant such as 2027-01-31T00:00:00Z.");
            return null;
        }
    }
}
