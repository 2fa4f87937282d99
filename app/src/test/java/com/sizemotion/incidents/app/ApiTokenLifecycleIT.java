package com.sizemotion.incidents.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.sizemotion.incidents.app.support.ApiClient.Response;
import com.sizemotion.incidents.app.support.PostgresServiceTest;
import com.sizemotion.incidents.app.token.LastUsedTracker;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The admin API's token lifecycle: list, change, revoke, expiry and last use. */
@TestPropertySource(properties = "incidents.api-tokens.last-used-flush-interval=1h")
class ApiTokenLifecycleIT extends PostgresServiceTest {

    private static final String TOKENS = "/api/v1/admin/api-tokens";

    @Autowired
    private LastUsedTracker lastUsed;

    private long teamA;
    private long teamB;

    @BeforeEach
    void teams() {
        teamA = api.createTeam("a-" + UUID.randomUUID());
        teamB = api.createTeam("b-" + UUID.randomUUID());
    }

    @Test
    void listsEveryTokenWithoutItsSecret() {
        JsonNode created = api.createdToken("""
                {"name":"Datadog Production","team_ids":[%d],"rate_limit_per_minute":120,"expires_at":"2099-01-01T00:00:00Z"}"""
                .formatted(teamA));

        Response list = api.getAsAdmin(TOKENS);

        assertThat(list.status()).isEqualTo(200);
        assertThat(list.raw().body()).doesNotContain(created.get("token").asText());
        JsonNode listed = token(list, created.get("id").asLong());
        assertThat(fieldNames(listed)).containsExactlyInAnyOrder("id", "name", "token_prefix", "team_ids",
                "rate_limit_per_minute", "created_at", "last_used_at", "expires_at", "revoked_at",
                "pagerduty_signing_secret_set");
        assertThat(listed.get("name").asText()).isEqualTo("Datadog Production");
        assertThat(listed.get("token_prefix").asText()).isEqualTo(created.get("token").asText().substring(0, 12));
        assertThat(listed.get("team_ids")).hasSize(1);
        assertThat(listed.get("team_ids").get(0).asLong()).isEqualTo(teamA);
        assertThat(listed.get("rate_limit_per_minute").asInt()).isEqualTo(120);
        assertThat(listed.get("expires_at").asText()).isEqualTo("2099-01-01T00:00:00Z");
        assertThat(listed.get("last_used_at").isNull()).isTrue();
        assertThat(listed.get("revoked_at").isNull()).isTrue();
    }

    @Test
    void givesANewTokenTheDefaultLimitAndEveryTeamUnlessToldOtherwise() {
        JsonNode created = api.createdToken("{\"name\":\"Pingdom Staging\"}");

        assertThat(created.get("rate_limit_per_minute").asInt()).isEqualTo(60);
        assertThat(created.get("team_ids").isNull()).isTrue();
    }

    @Test
    void changesNameScopeAndLimitEffectiveAtOnce() {
        JsonNode created = api.createdToken("{\"name\":\"Datadog\",\"team_ids\":[%d],\"rate_limit_per_minute\":5}".formatted(teamA));
        String token = created.get("token").asText();
        assertThat(createIncident(token, teamA).header("X-RateLimit-Limit")).isEqualTo("5");

        Response changed = api.patchAsAdmin(TOKENS + "/" + created.get("id").asLong(),
                "{\"name\":\"Datadog EU\",\"team_ids\":[%d],\"rate_limit_per_minute\":10}".formatted(teamB));

        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.data().get("name").asText()).isEqualTo("Datadog EU");
        assertThat(changed.data().get("team_ids").get(0).asLong()).isEqualTo(teamB);
        assertThat(changed.data().get("rate_limit_per_minute").asInt()).isEqualTo(10);
        assertThat(createIncident(token, teamA).status()).isEqualTo(403);
        Response forB = createIncident(token, teamB);
        assertThat(forB.status()).isEqualTo(201);
        assertThat(forB.header("X-RateLimit-Limit")).isEqualTo("10");
    }

    @Test
    void widensATokenToEveryTeamWithANullScope() {
        JsonNode created = api.createdToken("{\"name\":\"scoped\",\"team_ids\":[%d]}".formatted(teamA));

        Response widened = api.patchAsAdmin(TOKENS + "/" + created.get("id").asLong(), "{\"team_ids\":null}");

        assertThat(widened.data().get("team_ids").isNull()).isTrue();
        assertThat(createIncident(created.get("token").asText(), teamB).status()).isEqualTo(201);
    }

    @Test
    void refusesInvalidChangesWithTheValidationEnvelope() {
        long id = api.createdToken("{\"name\":\"valid\"}").get("id").asLong();

        Response invalid = api.patchAsAdmin(TOKENS + "/" + id,
                "{\"name\":\"\",\"team_ids\":[999999999],\"rate_limit_per_minute\":0,\"expires_at\":\"2099-01-01T00:00:00Z\"}");

        assertThat(invalid.status()).isEqualTo(422);
        assertThat(invalid.json().get("message").asText()).isEqualTo("Validation failed");
        assertThat(fieldNames(invalid.json().get("errors")))
                .containsExactlyInAnyOrder("name", "team_ids", "rate_limit_per_minute", "expires_at");
        assertThat(invalid.json().get("errors").get("rate_limit_per_minute").get(0).asText())
                .isEqualTo("The rate limit per minute must be between 1 and 1000000.");
        assertThat(token(api.getAsAdmin(TOKENS), id).get("name").asText()).isEqualTo("valid");
    }

    @Test
    void answersAnUnknownTokenWith404() {
        for (Response response : List.of(
                api.patchAsAdmin(TOKENS + "/999999999", "{\"name\":\"x\"}"),
                api.patchAsAdmin(TOKENS + "/abc", "{\"name\":\"x\"}"),
                api.deleteAsAdmin(TOKENS + "/999999999"))) {
            assertThat(response.status()).isEqualTo(404);
            assertThat(response.raw().body()).isEqualTo("{\"success\":false,\"message\":\"API token not found.\"}");
        }
    }

    @Test
    void leavesTokenManagementToTheAdmin() {
        JsonNode created = api.createdToken("{\"name\":\"self-service\"}");
        String token = created.get("token").asText();

        Response patch = api.send(api.request(TOKENS + "/" + created.get("id").asLong())
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"rate_limit_per_minute\":100000}")));

        assertThat(patch.status()).isEqualTo(401);
    }

    @Test
    void revokesATokenForGood() {
        JsonNode created = api.createdToken("{\"name\":\"to revoke\"}");
        String token = created.get("token").asText();
        assertThat(createIncident(token, teamA).status()).isEqualTo(201);

        Response revoked = api.deleteAsAdmin(TOKENS + "/" + created.get("id").asLong());

        assertThat(revoked.status()).isEqualTo(200);
        String revokedAt = revoked.data().get("revoked_at").asText();
        assertThat(Instant.parse(revokedAt)).isCloseTo(Instant.now(), within(5, ChronoUnit.SECONDS));
        assertThat(createIncident(token, teamA).status()).isEqualTo(401);
        Response again = api.deleteAsAdmin(TOKENS + "/" + created.get("id").asLong());
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.data().get("revoked_at").asText()).isEqualTo(revokedAt);
        assertThat(token(api.getAsAdmin(TOKENS), created.get("id").asLong()).get("revoked_at").asText()).isEqualTo(revokedAt);
    }

    @Test
    void refusesATokenOnceItHasExpired() throws InterruptedException {
        Instant expiresAt = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(3);
        String token = api.createToken("{\"name\":\"short-lived\",\"expires_at\":\"%s\"}".formatted(expiresAt));
        assertThat(createIncident(token, teamA).status()).isEqualTo(201);

        Thread.sleep(Math.max(0, Duration.between(Instant.now(), expiresAt).toMillis()) + 100);

        Response expired = createIncident(token, teamA);
        assertThat(expired.status()).isEqualTo(401);
        assertThat(expired.raw().body()).isEqualTo("{\"success\":false,\"message\":\"Unauthenticated\"}");
    }

    @Test
    void refusesAnExpiryInThePast() {
        Response response = api.postAsAdmin(TOKENS, "{\"name\":\"stale\",\"expires_at\":\"2020-01-01T00:00:00Z\"}");

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.json().get("errors").get("expires_at").get(0).asText())
                .isEqualTo("The expires at must be a date in the future.");
    }

    @Test
    void keepsLastUsedAtWithoutAWritePerRequest() {
        JsonNode created = api.createdToken("{\"name\":\"busy\",\"rate_limit_per_minute\":1000}");
        long id = created.get("id").asLong();
        for (int i = 0; i < 5; i++) {
            api.getAsToken("/api/v1/incidents/999999999", created.get("token").asText());
        }
        assertThat(DATABASE.count("SELECT count(*) FROM api_token WHERE id = " + id + " AND last_used_at IS NOT NULL"))
                .as("no write per request").isZero();

        lastUsed.flush();

        Instant usedAt = Instant.parse(token(api.getAsAdmin(TOKENS), id).get("last_used_at").asText());
        assertThat(usedAt).isCloseTo(Instant.now(), within(5, ChronoUnit.SECONDS));
        lastUsed.record(id, usedAt.minus(Duration.ofMinutes(5)));
        lastUsed.flush();
        assertThat(Instant.parse(token(api.getAsAdmin(TOKENS), id).get("last_used_at").asText()))
                .as("a lagging node never moves it backwards").isEqualTo(usedAt);
    }

    private Response createIncident(String token, long teamId) {
        return api.postAsToken("/api/v1/incidents", token, "{\"team_id\":%d,\"title\":\"t\",\"severity\":3}".formatted(teamId));
    }

    private static JsonNode token(Response list, long id) {
        return StreamSupport.stream(list.data().spliterator(), false)
                .filter(token -> token.get("id").asLong() == id).findFirst().orElseThrow();
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
