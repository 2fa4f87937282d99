package com.sizemotion.incidents.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.sizemotion.incidents.app.support.ApiClient.Response;
import com.sizemotion.incidents.app.support.PostgresServiceTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

import static com.sizemotion.incidents.app.support.ReadModel.awaitIncident;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Text, nesting, numbers and instants that PostgreSQL or the read model cannot hold, sent over
 * HTTP as a client or a monitoring tool would: the API refuses them with 422 naming the field,
 * the webhooks clean what tools cannot fix, and every incident accepted stays readable.
 */
class TextInputIT extends PostgresServiceTest {

    private long teamId;
    private String token;

    @BeforeEach
    void teamAndToken() {
        teamId = api.createTeam("text-" + UUID.randomUUID());
        token = api.createToken("{\"name\":\"Text input\",\"team_ids\":[%d],\"rate_limit_per_minute\":10000}".formatted(teamId));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "\"title\": \"nul\\u0000title\"                                   | title",
            "\"title\": \"t\", \"tags\": [\"ok\", \"a\\ud800b\"]              | tags.1",
            "\"title\": \"t\", \"description\": \"\\udc00\"                   | description",
            "\"title\": \"t\", \"source\": \"s\\u0000\"                       | source",
            "\"title\": \"t\", \"external_id\": \"e\\u0000x\"                 | external_id",
            "\"title\": \"t\", \"metadata\": {\"host\": \"web\\u0000\"}        | metadata.host",
            "\"title\": \"t\", \"metadata\": {\"a\": [{\"b\\u0000\": 1}]}      | metadata.a.0.b\uFFFD"})
    void refusesTextPostgresqlCannotStoreNamingTheFieldAndStaysReadable(String fields, String field) {
        long events = events();

        Response refused = create("{\"team_id\": %d, \"severity\": 2, %s}".formatted(teamId, fields));

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json().get("success").asBoolean()).isFalse();
        assertThat(refused.json().get("message").asText()).isEqualTo("Validation failed");
        assertThat(refused.json().get("errors").get(field).get(0).asText()).endsWith("must not contain NUL characters or invalid Unicode.");
        assertThat(events()).isEqualTo(events);
        assertANewIncidentIsReadableAtOnce();
    }

    @Test
    void answersALoneSurrogateInAFieldNameAsMalformedJson() {
        Response refused = create("{\"team_id\": %d, \"title\": \"t\", \"severity\": 2, \"metadata\": {\"a\\ud800b\": 1}}"
                .formatted(teamId));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("success").asBoolean()).isFalse();
    }

    @Test
    void refusesUnstorableTextInEveryOtherBodyOfTheApi() {
        long incidentId = create("{\"team_id\": %d, \"title\": \"noted\", \"severity\": 3}".formatted(teamId)).data().get("id").asLong();

        Response note = api.postAsToken("/api/v1/incidents/" + incidentId + "/notes", token, "{\"body\": \"n\\u0000\"}");
        Response patch = api.send(api.request("/api/v1/incidents/" + incidentId).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"tags\": [\"\\ud800\"]}")));
        Response team = api.postAsAdmin("/api/v1/admin/teams", "{\"name\": \"team\\u0000\"}");
        Response apiToken = api.postAsAdmin("/api/v1/admin/api-tokens", "{\"name\": \"\\udfff\"}");

        assertThat(note.status()).isEqualTo(422);
        assertThat(note.json().get("errors").has("body")).isTrue();
        assertThat(patch.status()).isEqualTo(422);
        assertThat(patch.json().get("errors").has("tags.0")).isTrue();
        assertThat(team.status()).isEqualTo(422);
        assertThat(team.json().get("errors").has("name")).isTrue();
        assertThat(apiToken.status()).isEqualTo(422);
        assertThat(apiToken.json().get("errors").has("name")).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/incidents?q=a%00b", "/api/v1/incidents?tag=%00", "/api/v1/incidents?external_id=x%00",
            "/api/v1/incidents?source=%00", "/api/v1/reports/incidents?group_by=%00"})
    void refusesNulInQueryParametersBeforeItReachesPostgresql(String path) {
        Response refused = api.getAsToken(path, token);

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json().get("success").asBoolean()).isFalse();
        assertThat(refused.json().get("errors").fieldNames().next()).isIn("q", "tag", "external_id", "source", "group_by");
    }

    @Test
    void capsMetadataAtThirtyTwoLevelsAndEveryBodyAtSixtyFour() {
        Response deepest = create("{\"team_id\": %d, \"title\": \"deep\", \"severity\": 2, \"metadata\": %s}"
                .formatted(teamId, nested(32)));
        Response tooDeep = create("{\"team_id\": %d, \"title\": \"deeper\", \"severity\": 2, \"metadata\": %s}"
                .formatted(teamId, nested(33)));
        Response bodyTooDeep = create("{\"team_id\": %d, \"title\": \"deepest\", \"severity\": 2, \"metadata\": %s}"
                .formatted(teamId, nested(998)));
        Response unparsable = create("{\"team_id\": %d, \"title\": \"t\", \"severity\": 2, \"metadata\": %s}"
                .formatted(teamId, nested(5000)));

        assertThat(deepest.status()).isEqualTo(201);
        assertThat(tooDeep.status()).isEqualTo(422);
        assertThat(tooDeep.json().get("errors").get("metadata").get(0).asText())
                .isEqualTo("The metadata must not nest more than 32 levels deep.");
        assertThat(bodyTooDeep.status()).isEqualTo(422);
        assertThat(bodyTooDeep.json().get("errors").has("body")).isTrue();
        assertThat(unparsable.status()).isEqualTo(400);
        assertThat(unparsable.json().get("success").asBoolean()).isFalse();
        Response search = api.getAsToken("/api/v1/incidents?team_id=" + teamId, token);
        assertThat(search.status()).isEqualTo(200);
        assertThat(search.data()).extracting(incident -> incident.get("title").asText()).contains("deep");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1e400", "99999999999999999999", "1.5", "\"1e3\"", "true", "[1]"})
    void refusesATeamIdThatIsNoInteger(String teamIdValue) {
        Response refused = create("{\"team_id\": %s, \"title\": \"t\", \"severity\": 2}".formatted(teamIdValue));

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json().get("errors").has("team_id")).isTrue();
    }

    @Test
    void refusesAnUnknownNegativeTeamAndAHugeSeverity() {
        assertThat(create("{\"team_id\": -1, \"title\": \"t\", \"severity\": 2}").status()).isBetween(403, 422);
        assertThat(create("{\"team_id\": %d, \"title\": \"t\", \"severity\": 1e400}".formatted(teamId)).status()).isEqualTo(422);
    }

    @ParameterizedTest
    @CsvSource({
            "/api/v1/incidents?created_from=%2B294277-01-01T00:00:00Z, created_from",
            "/api/v1/incidents?created_to=1969-12-31, created_to",
            "/api/v1/reports/incidents?from=%2B294277-01-01T00:00:00Z, from",
            "/api/v1/reports/incidents?to=%2B10000-01-01T00:00:00Z, to"})
    void refusesInstantsBeyondTheYearsPostgresqlAndTheApiHold(String path, String field) {
        Response refused = api.getAsToken(path, token);

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json().get("errors").get(field).get(0).asText())
                .endsWith("must be between 1970-01-01T00:00:00Z and 9999-12-31T23:59:59Z.");
    }

    @Test
    void refusesACursorPointingBeyondTheYear9999() {
        String cursor = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("9999999999999.0:1".getBytes(StandardCharsets.US_ASCII));

        Response refused = api.getAsToken("/api/v1/incidents?cursor=" + cursor, token);

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json().get("errors").has("cursor")).isTrue();
    }

    @Test
    void refusesAnAsOfOrATokenExpiryBeyondTheYear9999() {
        long incidentId = create("{\"team_id\": %d, \"title\": \"then\", \"severity\": 3}".formatted(teamId)).data().get("id").asLong();

        Response asOf = api.getAsToken("/api/v1/incidents/" + incidentId + "?as_of=%2B294277-01-01T00:00:00Z", token);
        Response expiry = api.postAsAdmin("/api/v1/admin/api-tokens", "{\"name\": \"far\", \"expires_at\": \"+294277-01-01T00:00:00Z\"}");

        assertThat(asOf.status()).isEqualTo(422);
        assertThat(asOf.json().get("errors").has("as_of")).isTrue();
        assertThat(expiry.status()).isEqualTo(422);
        assertThat(expiry.json().get("errors").has("expires_at")).isTrue();
    }

    @Test
    void refusesOnCallInstantsBeyondTheYear9999() {
        long userId = api.createUser("On call", "oncall-" + UUID.randomUUID() + "@example.com");
        api.addMember(teamId, userId);
        String schedule = """
                {"team_id": %d, "name": "Far future", "time_zone": "UTC",
                 "layers": [{"name": "Primary", "user_ids": [%d], "shift_length": "P7D", "starts_at": "%s"}]}""";

        Response farLayer = api.postAsAdmin("/api/v1/admin/oncall-schedules",
                schedule.formatted(teamId, userId, "+294277-01-01T00:00:00Z"));
        long scheduleId = api.createSchedule(schedule.formatted(teamId, userId, "2026-01-05T09:00:00Z"));
        Response farOverride = api.postAsAdmin("/api/v1/admin/oncall-schedules/" + scheduleId + "/overrides",
                "{\"user_id\": %d, \"starts_at\": \"2027-01-01T00:00:00Z\", \"ends_at\": \"+10000-01-01T00:00:00Z\"}".formatted(userId));
        Response farAt = api.getAsToken("/api/v1/oncall-schedules/" + scheduleId + "/oncall?at=%2B294277-01-01T00:00:00Z", token);

        assertThat(farLayer.status()).isEqualTo(422);
        assertThat(farLayer.json().get("errors").has("layers.0.starts_at")).isTrue();
        assertThat(farOverride.status()).isEqualTo(422);
        assertThat(farOverride.json().get("errors").has("ends_at")).isTrue();
        assertThat(farAt.status()).isEqualTo(422);
        assertThat(farAt.json().get("errors").has("at")).isTrue();
    }

    @Test
    void neverLetsNulInAPathVariableReachPostgresql() {
        for (String path : new String[] {"/api/v1/incidents/1%00", "/api/v1/incidents/1%00/history",
                "/api/v1/oncall-schedules/1%00"}) {
            Response refused = api.getAsToken(path, token);

            assertThat(refused.status()).as(path).isBetween(400, 499);
        }
    }

    @Test
    void cleansAlertmanagerTextButRefusesAFingerprintItCannotStore() {
        String fingerprint = UUID.randomUUID().toString().substring(0, 16);
        Response cleaned = webhook("alertmanager", """
                {"version": "4", "status": "firing", "alerts": [{"status": "firing", "fingerprint": "%s",
                  "labels": {"alertname": "Disk\\u0000Full", "bad\\u0000label": "x\\ud800"},
                  "annotations": {"summary": "disk\\u0000full on web-01 \\udc00"}}]}""".formatted(fingerprint));
        Response refused = webhook("alertmanager", """
                {"version": "4", "status": "firing", "alerts": [{"status": "firing", "fingerprint": "f\\u0000%s",
                  "labels": {"alertname": "DiskFull"}, "annotations": {}}]}""".formatted(fingerprint));

        assertThat(cleaned.status()).as(cleaned.raw().body()).isEqualTo(200);
        JsonNode incident = awaitIncident(api, token, cleaned.data().get("alerts").get(0).get("incident_id").asLong());
        assertThat(incident.get("title").asText()).isEqualTo("disk\uFFFDfull on web-01 \uFFFD");
        assertThat(incident.get("metadata").get("labels").get("bad\uFFFDlabel").asText()).isEqualTo("x\uFFFD");
        assertThat(incident.get("tags")).extracting(JsonNode::asText).contains("alertname:Disk\uFFFDFull");
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json().get("errors").has("alerts.0.fingerprint")).isTrue();
        assertANewIncidentIsReadableAtOnce();
    }

    @Test
    void cleansDatadogTextButRefusesAnAlertCycleKeyItCannotStore() {
        String cycleKey = UUID.randomUUID().toString();
        Response cleaned = webhook("datadog", """
                {"alert_id": "1234567", "alert_cycle_key": "%s", "title": "High\\u0000CPU \\ud800",
                 "transition": "Triggered", "tags": "env:pr\\u0000od"}""".formatted(cycleKey));
        Response refused = webhook("datadog", """
                {"alert_id": "1234567", "alert_cycle_key": "%s\\u0000x", "title": "High CPU", "transition": "Triggered"}"""
                .formatted(cycleKey));

        assertThat(cleaned.status()).as(cleaned.raw().body()).isEqualTo(200);
        JsonNode incident = awaitIncident(api, token, cleaned.data().get("alerts").get(0).get("incident_id").asLong());
        assertThat(incident.get("title").asText()).isEqualTo("High\uFFFDCPU \uFFFD");
        assertThat(incident.get("metadata").get("env").asText()).isEqualTo("pr\uFFFDod");
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json().get("errors").has("alert_cycle_key")).isTrue();
        assertANewIncidentIsReadableAtOnce();
    }

    @Test
    void cleansPagerDutyTextButRefusesAnIncidentIdItCannotStore() {
        String incidentId = "Q" + UUID.randomUUID().toString().replace("-", "").substring(0, 13);
        Response cleaned = webhook("pagerduty", """
                {"event": {"id": "01", "event_type": "incident.triggered", "resource_type": "incident",
                  "data": {"id": "%s", "type": "incident", "title": "A little\\u0000bump \\udbff", "number": 2,
                           "service": {"id": "PF9KMXH", "summary": "API\\u0000Service", "type": "service_reference"}}}}"""
                .formatted(incidentId));
        Response refused = webhook("pagerduty", """
                {"event": {"id": "02", "event_type": "incident.resolved", "resource_type": "incident",
                  "data": {"id": "%s\\u0000x", "type": "incident"}}}""".formatted(incidentId));

        assertThat(cleaned.status()).as(cleaned.raw().body()).isEqualTo(200);
        JsonNode incident = awaitIncident(api, token, cleaned.data().get("alerts").get(0).get("incident_id").asLong());
        assertThat(incident.get("title").asText()).isEqualTo("A little\uFFFDbump \uFFFD");
        assertThat(incident.get("metadata").get("service").asText()).isEqualTo("API\uFFFDService");
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json().get("errors").has("event.data.id")).isTrue();
        assertANewIncidentIsReadableAtOnce();
    }

    @Test
    void refusesATeamIdNoLongHoldsInAWebhook() {
        Response inQuery = api.postAsToken("/api/v1/integrations/datadog?team_id=99999999999999999999", token,
                "{\"alert_id\": \"1\", \"transition\": \"Triggered\"}");
        Response inLabel = api.postAsToken("/api/v1/integrations/alertmanager?team_id=" + teamId, token, """
                {"version": "4", "alerts": [{"status": "firing", "fingerprint": "f1",
                  "labels": {"team_id": "99999999999999999999"}}]}""");

        assertThat(inQuery.status()).isEqualTo(422);
        assertThat(inQuery.json().get("errors").has("team_id")).isTrue();
        assertThat(inLabel.status()).isEqualTo(422);
        assertThat(inLabel.json().get("errors").has("alerts.0.labels.team_id")).isTrue();
    }

    /** The create answers once the read model shows the incident; a stalled projection would make this a 404. */
    private void assertANewIncidentIsReadableAtOnce() {
        Response created = create("{\"team_id\": %d, \"title\": \"after the poison\", \"severity\": 3}".formatted(teamId));
        assertThat(created.status()).isEqualTo(201);
        Response read = api.getAsToken("/api/v1/incidents/" + created.data().get("id").asLong(), token);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.data().get("title").asText()).isEqualTo("after the poison");
    }

    private Response create(String json) {
        return api.postAsToken("/api/v1/incidents", token, json);
    }

    private Response webhook(String tool, String payload) {
        return api.postAsToken("/api/v1/integrations/" + tool + "?team_id=" + teamId, token, payload);
    }

    private long events() {
        return DATABASE.count("SELECT count(*) FROM domain_event_entry");
    }

    /** An object whose {@code a} holds an object, {@code levels} objects in all. */
    private static String nested(int levels) {
        return "{\"a\":".repeat(levels - 1) + "{}" + "}".repeat(levels - 1);
    }
}
