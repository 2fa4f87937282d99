package com.sizemotion.incidents.app.token;

import com.fasterxml.jackson.databind.JsonNode;
import com.sizemotion.incidents.api.web.ApiResponse;
import com.sizemotion.incidents.api.web.FieldErrors;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/** Admin API for API tokens: {@code /api/v1/admin/api-tokens}. */
@RestController
@RequestMapping("/api/v1/admin/api-tokens")
class ApiTokenController {

    /** A token just created: the only answer that ever carries the plaintext {@code token}. */
    record CreatedTokenView(long id, String name, String token, String tokenPrefix, List<Long> teamIds,
                            int rateLimitPerMinute, Instant createdAt, Instant expiresAt) {

        static CreatedTokenView of(ApiTokens.IssuedToken issued) {
            ApiTokenView view = ApiTokenView.of(issued.token(), false);
            return new CreatedTokenView(view.id(), view.name(), issued.plaintext(), view.tokenPrefix(),
                    view.teamIds(), view.rateLimitPerMinute(), view.createdAt(), view.expiresAt());
        }

        @Override
        public String toString() {
            return "CreatedTokenView[id=" + id + ", name=" + name + ", token=(not shown)]";
        }
    }

    private final ApiTokens tokens;
    private final ApiTokenRequests requests;
    private final PagerDutySigningSecrets pagerDutySecrets;

    ApiTokenController(ApiTokens tokens, ApiTokenRequests requests, PagerDutySigningSecrets pagerDutySecrets) {
        this.tokens = tokens;
        this.requests = requests;
        this.pagerDutySecrets = pagerDutySecrets;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    ApiResponse<CreatedTokenView> create(@RequestBody(required = false) JsonNode body) {
        FieldErrors errors = new FieldErrors();
        NewApiToken token = requests.newToken(body, errors);
        errors.throwIfAny();
        return ApiResponse.of(CreatedTokenView.of(tokens.issue(token)));
    }

    @GetMapping
    ApiResponse<List<ApiTokenView>> list() {
        Set<Long> signed = pagerDutySecrets.tokensWithSecret();
        return ApiResponse.of(tokens.all().stream().map(token -> ApiTokenView.of(token, signed.contains(token.id()))).toList());
    }

    @PatchMapping(path = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
    ApiResponse<ApiTokenView> change(@PathVariable String id, @RequestBody(required = false) JsonNode body) {
        FieldErrors errors = new FieldErrors();
        ApiTokenChanges changes = requests.changes(body, errors);
        errors.throwIfAny();
        ApiToken token = tokens.change(id, changes).orElseThrow(ApiTokenController::notFound);
        if (changes.changesSigningSecret()) {
            pagerDutySecrets.change(token.id(), changes.signingSecret());
        }
        return ApiResponse.of(view(token));
    }

    @DeleteMapping("/{id}")
    ApiResponse<ApiTokenView> revoke(@PathVariable String id) {
        return ApiResponse.of(view(tokens.revoke(id).orElseThrow(ApiTokenController::notFound)));
    }

    private ApiTokenView view(ApiToken token) {
        return ApiTokenView.of(token, pagerDutySecrets.secretOf(token.id()).isPresent());
    }

    static ResponseStatusException notFound() {
        return new ResponseStatusException(HttpStatus.NOT_FOUND, "API token not found.");
    }
}
