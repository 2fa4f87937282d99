package com.sizemotion.incidents.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.sizemotion.incidents.app.support.ApiClient.Response;
import com.sizemotion.incidents.app.support.PostgresServiceTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.http.HttpRequest;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Every status code and message of the API document for POST and GET /api/v1/incidents, over real HTTP. */
class IncidentApiIT extends PostgresServiceTest {

    private long teamId;
    private String token;

    @BeforeEach
    void teamAndToken() {
        teamId = api.createTeam("team-" + UUID.randomUUID());
        token = api.createToken("{\"name\":\"Datadog Integration\",\"rate_limit_per_minute\":1000}");
    }

    @Test
    void createsIncidentWithTheDocumentedResponse() {
        Response response = create("""
                {"team_id": %d, "title": "High CPU usage on web-01", "severity": 2,
                 "description": "CPU usage exceeded 90%% for 5 minutes"}""".formatted(teamId));

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.json().get("success").asBoolean()).isTrue();
        JsonNode data = response.data();
        long id = data.get("id").asLong();
        assertThat(data.get("id").isIntegralNumber()).isTrue();
        assertThat(data.get("title").asText()).isEqualTo("High CPU usage on web-01");
        assertThat(data.get("severity").asText()).isEqualTo("Sev 2");
        assertThat(data.get("status").asText()).isEqualTo("open");
        assertThat(data.has("assigned_to")).isTrue();
        assertThat(data.get("assigned_to").isNull()).isTrue();
        assertThat(data.get("created_at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
        assertThat(Instant.parse(data.get("created_at").asText())).isBetween(Instant.now().minusSeconds(60), Instant.now().plusSeconds(1));
        assertThat(data.get("url").asText()).isEqualTo("https://incidents.example.com/incidents/" + id);
        assertThat(response.header("Location")).isEqualTo("https://incidents.example.com/incidents/" + id);
    }

    @Test
    void readsTheFullIncidentRightAfterCreatingIt() {
        Response created = create("""
                {"team_id": %d, "title": "High memory usage", "severity": "Sev 3", "source": "datadog",
                 "external_id": "dd-%s", "description": "RSS above 90%%",
                 "metadata": {"host": "web-01.example.com", "value": 92.5, "threshold": 85},
                 "tags": ["production", "web-server", "memory"]}""".formatted(teamId, UUID.randomUUID()));
        long id = created.data().get("id").asLong();

        Response read = api.getAsToken("/api/v1/incidents/" + id, token);

        assertThat(read.status()).isEqualTo(200);
        JsonNode data = read.data();
        assertThat(data.get("id").asLong()).isEqualTo(id);
        assertThat(data.get("team_id").asLong()).isEqualTo(teamId);
        assertThat(data.get("severity").asText()).isEqualTo("Sev 3");
        assertThat(data.get("description").asText()).isEqualTo("RSS above 90%");
        assertThat(data.get("source").asText()).isEqualTo("datadog");
        assertThat(data.get("metadata").get("value").asDouble()).isEqualTo(92.5);
        assertThat(data.get("metadata").get("host").asText()).isEqualTo("web-01.example.com");
        assertThat(data.get("tags")).extracting(JsonNode::asText).containsExactly("production", "web-server", "memory");
        assertThat(data.get("occurrences").asInt()).isEqualTo(1);
        assertThat(data.get("updated_at").asText()).isNotBlank();
    }

    @Test
    void readsAnIncidentTheReadModelHasNoRowForFromItsEvents() {
        Response created = create("{\"team_id\":%d,\"title\":\"Projection behind\",\"severity\":2,\"tags\":[\"db\"]}".formatted(teamId));
        long id = created.data().get("id").asLong();
        DATABASE.update("DELETE FROM incident_view WHERE id = " + id);

        Response read = api.getAsToken("/api/v1/incidents/" + id, token);

        assertThat(read.status()).isEqualTo(200);
        assertThat(read.data().get("title").asText()).isEqualTo("Projection behind");
        assertThat(read.data().get("severity").asText()).isEqualTo("Sev 2");
        assertThat(read.data().get("tags")).extracting(JsonNode::asText).containsExactly("db");
    }

    @Test
    void returnsTheExistingIncidentForARepeatedExternalId() {
        String body = """
                {"team_id": %d, "title": "High CPU usage", "severity": "Sev 2", "external_id": "datadog_alert_%s"}"""
                .formatted(teamId, UUID.randomUUID());
        Response first = create(body);
        Response second = create(body.replace("High CPU usage", "A different title").replace("Sev 2", "1"));

        assertThat(first.status()).isEqualTo(201);
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.data().get("id").asLong()).isEqualTo(first.data().get("id").asLong());
        assertThat(second.data().get("title").asText()).isEqualTo("High CPU usage");
        assertThat(second.data().get("severity").asText()).isEqualTo("Sev 1");
        assertThat(second.data().get("occurrences").asInt()).isEqualTo(2);
    }

    @Test
    void sameExternalIdInAnotherTeamIsAnotherIncident() {
        long otherTeam = api.createTeam("other-" + UUID.randomUUID());
        String externalId = "shared-" + UUID.randomUUID();
        Response first = create("{\"team_id\":%d,\"title\":\"t\",\"severity\":3,\"external_id\":\"%s\"}".formatted(teamId, externalId));
        Response second = create("{\"team_id\":%d,\"title\":\"t\",\"severity\":3,\"external_id\":\"%s\"}".formatted(otherTeam, externalId));

        assertThat(second.status()).isEqualTo(201);
        assertThat(second.data().get("id").asLong()).isNotEqualTo(first.data().get("id").asLong());
    }

    @Test
    void opensANewIncidentLinkedToTheOldOneOnceItIsResolved() {
        String externalId = "fingerprint-" + UUID.randomUUID();
        Response resolved = create("{\"team_id\":%d,\"title\":\"t\",\"severity\":3,\"external_id\":\"%s\",\"status\":\"resolved\"}"
                .formatted(teamId, externalId));
        Response next = create("{\"team_id\":%d,\"title\":\"t\",\"severity\":3,\"external_id\":\"%s\"}".formatted(teamId, externalId));

        assertThat(resolved.status()).isEqualTo(201);
        assertThat(resolved.data().get("status").asText()).isEqualTo("resolved");
        assertThat(next.status()).isEqualTo(201);
        assertThat(next.data().get("previous_incident_id").asLong()).isEqualTo(resolved.data().get("id").asLong());
        assertThat(create("{\"team_id\":%d,\"title\":\"t\",\"severity\":3,\"external_id\":\"%s\"}".formatted(teamId, externalId))
                .data().get("id").asLong()).isEqualTo(next.data().get("id").asLong());
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "\"2\"", "\"Sev 3\"", "\"sev 4\"", "\"SEV1\""})
    void acceptsSeverityAsIntegerOrLabel(String severity) {
        Response response = create("{\"team_id\":%d,\"title\":\"t\",\"severity\":%s}".formatted(teamId, severity));

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.data().get("severity").asText()).matches("Sev [1-4]");
    }

    @Test
    void rejectsMissingFieldsWithTheDocumentsMessages() {
        Response response = create("{\"team_id\":%d,\"severity\":9}".formatted(teamId));

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.json().get("success").asBoolean()).isFalse();
        assertThat(response.json().get("message").asText()).isEqualTo("Validation failed");
        assertThat(response.json().get("errors").get("title").get(0).asText()).isEqualTo("The title field is required.");
        assertThat(response.json().get("errors").get("severity").get(0).asText()).isEqualTo("The severity must be one of: 1, 2, 3, 4.");
    }

    @Test
    void rejectsAnUnknownTeam() {
        Response response = create("{\"team_id\":987654,\"title\":\"t\",\"severity\":1}");

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.json().get("errors").get("team_id").get(0).asText()).isEqualTo("The selected team id is invalid.");
    }

    @Test
    void rejectsAMisspeltFieldInsteadOfIgnoringIt() {
        Response response = create("{\"team_id\":%d,\"title\":\"t\",\"severity\":1,\"assign_to_on_call\":true}".formatted(teamId));

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.json().get("errors").has("assign_to_on_call")).isTrue();
    }

    @Test
    void requiresAScheduleWhenAssigningToOnCall() {
        Response response = create("{\"team_id\":%d,\"title\":\"t\",\"severity\":1,\"assign_to_oncall\":true}".formatted(teamId));

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.json().get("errors").get("oncall_schedule_id").get(0).asText())
                .isEqualTo("The oncall schedule id field is required when assign to oncall is true.");
    }

    @Test
    void rejectsATitleOverTheLimit() {
        Response response = create("{\"team_id\":%d,\"title\":\"%s\",\"severity\":1}".formatted(teamId, "x".repeat(256)));

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.json().get("errors").get("title").get(0).asText())
                .isEqualTo("The title must not be greater than 255 characters.");
    }

    @Test
    void answersMalformedJsonWith400() {
        Response response = create("{\"team_id\": 1, \"title\": ");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("success").asBoolean()).isFalse();
        assertThat(response.json().get("message").asText()).contains("Malformed JSON");
    }

    @Test
    void answersAWrongContentTypeWith415() {
        Response response = api.send(api.request("/api/v1/incidents")
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("title=x")));

        assertThat(response.status()).isEqualTo(415);
        assertThat(response.json().get("success").asBoolean()).isFalse();
    }

    @Test
    void answersAnOversizedBodyWith413AndWritesNothing() {
        String description = "x".repeat(2 * 1024 * 1024);
        Response response = create("{\"team_id\":%d,\"title\":\"big\",\"severity\":1,\"description\":\"%s\"}".formatted(teamId, description));

        assertThat(response.status()).isEqualTo(413);
        assertThat(response.json().get("success").asBoolean()).isFalse();
        assertThat(DATABASE.count("SELECT count(*) FROM incident_view WHERE title = 'big'")).isZero();
    }

    @Test
    void answersMissingOrUnknownTokensWith401() {
        Response missing = api.send(api.request("/api/v1/incidents").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")));
        Response unknown = api.postAsToken("/api/v1/incidents", "inc_not-a-real-token", "{}");
        Response wellFormedButUnknown = api.postAsToken("/api/v1/incidents",
                com.sizemotion.incidents.app.token.ApiTokenFormat.generate(), "{}");

        for (Response response : new Response[]{missing, unknown, wellFormedButUnknown}) {
            assertThat(response.status()).isEqualTo(401);
            assertThat(response.raw().body()).isEqualTo("{\"success\":false,\"message\":\"Unauthenticated\"}");
            assertThat(response.header("WWW-Authenticate")).startsWith("Bearer");
        }
    }

    @Test
    void answersAnUnknownIncidentWith404() {
        Response response = api.getAsToken("/api/v1/incidents/999999999", token);
        Response notANumber = api.getAsToken("/api/v1/incidents/abc", token);

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.raw().body()).isEqualTo("{\"success\":false,\"message\":\"Incident not found.\"}");
        assertThat(notANumber.status()).isEqualTo(404);
    }

    @Test
    void reportsHealthUpWhileTheDatabaseAnswers() {
        Response health = api.send(api.request("/actuator/health").GET());

        assertThat(health.status()).isEqualTo(200);
        assertThat(health.raw().body()).isEqualTo("{\"status\":\"UP\"}");
    }

    @Test
    void keepsTheAdminApiForTheAdmin() {
        Response asToken = api.getAsToken("/api/v1/admin/teams", token);
        Response anonymous = api.send(api.request("/api/v1/admin/teams").GET());

        assertThat(asToken.status()).isIn(401, 403);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.json().get("message").asText()).isEqualTo("Unauthenticated");
    }

    private Response create(String json) {
        return api.postAsToken("/api/v1/incidents", token, json);
    }
}
