package com.sizemotion.incidents.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.sizemotion.incidents.app.support.ApiClient.Response;
import com.sizemotion.incidents.app.support.PostgresServiceTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.util.UUID;

import static com.sizemotion.incidents.app.support.ReadModel.awaitIncident;
import static com.sizemotion.incidents.app.support.ReadModel.status;
import static org.assertj.core.api.Assertions.assertThat;

/** Alertmanager's webhook_config pointed at us, with payloads shaped like Alertmanager's version 4 webhook. */
class AlertmanagerIntegrationIT extends PostgresServiceTest {

    private long teamId;
    private String token;
    private String fingerprint1;
    private String fingerprint2;

    @BeforeEach
    void teamAndToken() {
        teamId = api.createTeam("alertmanager-" + UUID.randomUUID());
        token = api.createToken("{\"name\":\"Alertmanager\",\"team_ids\":[%d],\"rate_limit_per_minute\":10000}".formatted(teamId));
        fingerprint1 = UUID.randomUUID().toString().substring(0, 16).replace("-", "a");
        fingerprint2 = UUID.randomUUID().toString().substring(0, 16).replace("-", "b");
    }

    @Test
    void opensOneIncidentPerFingerprintAndResolvesItWhenItsAlertResolves() {
        Response firing = deliver(group("firing", alert("firing", fingerprint1, "critical", "web-01"),
                alert("firing", fingerprint2, "warning", "web-02")));

        assertThat(firing.status()).isEqualTo(200);
        assertThat(firing.json().get("success").asBoolean()).isTrue();
        JsonNode outcomes = firing.data().get("alerts");
        assertThat(outcomes).hasSize(2);
        assertThat(outcomes.get(0).get("key").asText()).isEqualTo("alertmanager:" + fingerprint1);
        assertThat(outcomes.get(0).get("action").asText()).isEqualTo("created");
        assertThat(outcomes.get(1).get("action").asText()).isEqualTo("created");
        assertThat(outcomes.get(0).has("reason")).isFalse();
        long first = outcomes.get(0).get("incident_id").asLong();
        long second = outcomes.get(1).get("incident_id").asLong();
        assertThat(first).isNotEqualTo(second);

        JsonNode incident = awaitIncident(api, token, first);
        assertThat(incident.get("title").asText()).isEqualTo("Instance web-01 down");
        assertThat(incident.get("description").asText()).isEqualTo("web-01 has been down for more than 5 minutes.");
        assertThat(incident.get("severity").asText()).isEqualTo("Sev 1");
        assertThat(incident.get("source").asText()).isEqualTo("alertmanager");
        assertThat(incident.get("external_id").asText()).isEqualTo("alertmanager:" + fingerprint1);
        assertThat(incident.get("team_id").asLong()).isEqualTo(teamId);
        assertThat(incident.get("tags")).extracting(JsonNode::asText)
                .containsExactly("alertname:InstanceDown", "instance:web-01", "job:node", "severity:critical");
        assertThat(incident.get("metadata").get("labels").get("instance").asText()).isEqualTo("web-01");
        assertThat(incident.get("metadata").get("annotations").get("summary").asText()).isEqualTo("Instance web-01 down");
        assertThat(incident.get("metadata").get("generatorURL").asText()).startsWith("http://prometheus.example.org:9090/graph");
        assertThat(incident.get("metadata").get("startsAt").asText()).isEqualTo("2026-01-28T12:00:00.000Z");
        assertThat(incident.get("metadata").get("externalURL").asText()).isEqualTo("http://alertmanager.example.org:9093");
        assertThat(awaitIncident(api, token, second).get("severity").asText()).isEqualTo("Sev 3");

        Response resolved = deliver(group("firing", alert("resolved", fingerprint1, "critical", "web-01"),
                alert("firing", fingerprint2, "warning", "web-02")));

        assertThat(resolved.status()).isEqualTo(200);
        assertThat(resolved.data().get("alerts").get(0).get("action").asText()).isEqualTo("resolved");
        assertThat(resolved.data().get("alerts").get(0).get("incident_id").asLong()).isEqualTo(first);
        assertThat(resolved.data().get("alerts").get(1).get("action").asText()).isEqualTo("repeated");
        assertThat(resolved.data().get("alerts").get(1).get("incident_id").asLong()).isEqualTo(second);
        assertThat(awaitIncident(api, token, first, status("resolved")).get("resolved_at").isNull()).isFalse();
        assertThat(awaitIncident(api, token, second, view -> view.get("occurrences").asInt() == 2)
                .get("status").asText()).isEqualTo("open");
    }

    @Test
    void aResolvedAlertSentAgainChangesNothing() {
        long id = deliver(group("firing", alert("firing", fingerprint1, "critical", "web-01")))
                .data().get("alerts").get(0).get("incident_id").asLong();
        deliver(group("resolved", alert("resolved", fingerprint1, "critical", "web-01")));
        long events = events();

        Response again = deliver(group("resolved", alert("resolved", fingerprint1, "critical", "web-01")));

        assertThat(again.status()).isEqualTo(200);
        assertThat(again.data().get("alerts").get(0).get("action").asText()).isEqualTo("resolved");
        assertThat(again.data().get("alerts").get(0).get("incident_id").asLong()).isEqualTo(id);
        assertThat(events()).isEqualTo(events);
    }

    @Test
    void firingAgainAfterResolveOpensANewIncidentLinkedToThePreviousOne() {
        long first = deliver(group("firing", alert("firing", fingerprint1, "critical", "web-01")))
                .data().get("alerts").get(0).get("incident_id").asLong();
        deliver(group("resolved", alert("resolved", fingerprint1, "critical", "web-01")));

        Response again = deliver(group("firing", alert("firing", fingerprint1, "critical", "web-01")));

        JsonNode outcome = again.data().get("alerts").get(0);
        assertThat(outcome.get("action").asText()).isEqualTo("created");
        long second = outcome.get("incident_id").asLong();
        assertThat(second).isNotEqualTo(first);
        assertThat(awaitIncident(api, token, second).get("previous_incident_id").asLong()).isEqualTo(first);
    }

    @Test
    void handlesTheAlertsOfOnePayloadInOrder() {
        Response response = deliver(group("firing", alert("firing", fingerprint1, "critical", "web-01"),
                alert("resolved", fingerprint1, "critical", "web-01"), alert("firing", fingerprint1, "critical", "web-01")));

        JsonNode outcomes = response.data().get("alerts");
        assertThat(outcomes).extracting(outcome -> outcome.get("action").asText()).containsExactly("created", "resolved", "created");
        long first = outcomes.get(0).get("incident_id").asLong();
        assertThat(outcomes.get(1).get("incident_id").asLong()).isEqualTo(first);
        assertThat(awaitIncident(api, token, outcomes.get(2).get("incident_id").asLong()).get("previous_incident_id").asLong())
                .isEqualTo(first);
    }

    @Test
    void ignoresTheRecoveryOfAnAlertItNeverSaw() {
        Response response = deliver(group("resolved", alert("resolved", fingerprint1, "critical", "web-01")));

        assertThat(response.status()).isEqualTo(200);
        JsonNode outcome = response.data().get("alerts").get(0);
        assertThat(outcome.get("action").asText()).isEqualTo("ignored");
        assertThat(outcome.get("reason").asText()).isEqualTo("No incident was opened for this alert.");
        assertThat(outcome.has("incident_id")).isFalse();
    }

    @Test
    void acceptsAlertsWithoutOptionalFieldsAndFieldsOfNewerVersions() {
        Response response = deliver("""
                {"version": "4", "status": "firing", "someNewField": true, "alerts": [
                  {"status": "firing", "fingerprint": "%s", "labels": {"alertname": "Watchdog"}, "futureField": [1]}]}"""
                .formatted(fingerprint1));

        assertThat(response.status()).isEqualTo(200);
        JsonNode incident = awaitIncident(api, token, response.data().get("alerts").get(0).get("incident_id").asLong());
        assertThat(incident.get("title").asText()).isEqualTo("Watchdog");
        assertThat(incident.get("severity").asText()).isEqualTo("Sev 3");
        assertThat(incident.get("description").isNull()).isTrue();
    }

    @Test
    void takesTheTeamFromTheTeamIdLabelAndKeepsTokensToTheirTeams() {
        long otherTeam = api.createTeam("alertmanager-other-" + UUID.randomUUID());
        String adminOnly = alert("firing", fingerprint1, "critical", "web-01").replace("\"job\": \"node\"",
                "\"job\": \"node\", \"team_id\": \"" + otherTeam + "\"");
        long events = events();

        Response forbidden = deliver(group("firing", alert("firing", fingerprint2, "critical", "web-02"), adminOnly));

        assertThat(forbidden.status()).isEqualTo(403);
        assertThat(forbidden.json().get("message").asText()).isEqualTo("This API token may not access team " + otherTeam + ".");
        assertThat(events()).isEqualTo(events);

        Response asAdmin = api.postAsAdmin("/api/v1/integrations/alertmanager?team_id=" + teamId, group("firing", adminOnly));
        assertThat(asAdmin.status()).isEqualTo(200);
        long id = asAdmin.data().get("alerts").get(0).get("incident_id").asLong();
        assertThat(awaitIncident(api, tokenFor(otherTeam), id).get("team_id").asLong()).isEqualTo(otherTeam);
    }

    @Test
    void refusesMalformedPayloadsAndWritesNothing() {
        long events = events();

        Response notJson = deliver("{\"version\": \"4\", \"alerts\": [");
        Response wrongVersion = deliver(group("firing", alert("firing", fingerprint1, "critical", "web-01")).replace("\"version\": \"4\"", "\"version\": \"3\""));
        Response noAlerts = deliver("{\"version\": \"4\", \"status\": \"firing\"}");
        Response oneBadAlert = deliver(group("firing", alert("firing", fingerprint1, "critical", "web-01"),
                alert("pending", fingerprint2, "critical", "web-02")));
        Response noFingerprint = deliver(group("firing", alert("firing", fingerprint1, "critical", "web-01").replace("\"fingerprint\"", "\"fp\"")));

        assertThat(notJson.status()).isEqualTo(400);
        assertThat(notJson.json().get("message").asText()).isEqualTo("Malformed JSON: the request body could not be parsed.");
        assertThat(wrongVersion.status()).isEqualTo(422);
        assertThat(wrongVersion.json().get("errors").has("version")).isTrue();
        assertThat(noAlerts.status()).isEqualTo(422);
        assertThat(noAlerts.json().get("errors").get("alerts").get(0).asText()).isEqualTo("The alerts field must be an array.");
        assertThat(oneBadAlert.status()).isEqualTo(422);
        assertThat(oneBadAlert.json().get("errors").get("alerts.1.status").get(0).asText()).isEqualTo("The status must be firing or resolved.");
        assertThat(noFingerprint.status()).isEqualTo(422);
        assertThat(noFingerprint.json().get("errors").has("alerts.0.fingerprint")).isTrue();
        assertThat(events()).isEqualTo(events);
    }

    @Test
    void refusesMissingUnknownAndMisspeltQueryParameters() {
        String payload = group("firing", alert("firing", fingerprint1, "critical", "web-01"));
        long events = events();

        Response noTeam = api.postAsToken("/api/v1/integrations/alertmanager", token, payload);
        Response unknownTeam = api.postAsAdmin("/api/v1/integrations/alertmanager?team_id=999999", payload);
        Response misspelt = api.postAsToken("/api/v1/integrations/alertmanager?team_id=" + teamId + "&assign_to_on_call=true", token, payload);
        Response noSchedule = api.postAsToken("/api/v1/integrations/alertmanager?team_id=" + teamId + "&assign_to_oncall=true", token, payload);

        assertThat(noTeam.status()).isEqualTo(422);
        assertThat(noTeam.json().get("errors").get("team_id").get(0).asText()).isEqualTo("The team id field is required.");
        assertThat(unknownTeam.status()).isEqualTo(422);
        assertThat(unknownTeam.json().get("errors").get("team_id").get(0).asText()).isEqualTo("The selected team id 999999 is invalid.");
        assertThat(misspelt.status()).isEqualTo(422);
        assertThat(misspelt.json().get("errors").has("assign_to_on_call")).isTrue();
        assertThat(noSchedule.status()).isEqualTo(422);
        assertThat(noSchedule.json().get("errors").has("oncall_schedule_id")).isTrue();
        assertThat(events()).isEqualTo(events);
    }

    @Test
    void authenticatesAndRateLimitsLikeTheRestOfTheApi() {
        String payload = group("firing", alert("firing", fingerprint1, "critical", "web-01"));

        Response accepted = deliver(payload);
        Response anonymous = api.send(api.request("/api/v1/integrations/alertmanager?team_id=" + teamId)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(payload)));

        assertThat(accepted.header("X-RateLimit-Limit")).isEqualTo("10000");
        assertThat(accepted.header("X-RateLimit-Remaining")).isNotNull();
        assertThat(accepted.header("X-RateLimit-Reset")).isNotNull();
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.json().get("message").asText()).isEqualTo("Unauthenticated");
    }

    private String tokenFor(long team) {
        return api.createToken("{\"name\":\"reader\",\"team_ids\":[%d],\"rate_limit_per_minute\":10000}".formatted(team));
    }

    private Response deliver(String payload) {
        return api.postAsToken("/api/v1/integrations/alertmanager?team_id=" + teamId, token, payload);
    }

    private long events() {
        return DATABASE.count("SELECT count(*) FROM domain_event_entry");
    }

    /** A version 4 webhook payload as Alertmanager sends it. */
    static String group(String status, String... alerts) {
        return """
                {"version": "4",
                 "groupKey": "{}:{alertname=\\"InstanceDown\\"}",
                 "truncatedAlerts": 0,
                 "status": "%s",
                 "receiver": "incidents",
                 "groupLabels": {"alertname": "InstanceDown"},
                 "commonLabels": {"alertname": "InstanceDown", "job": "node"},
                 "commonAnnotations": {},
                 "externalURL": "http://alertmanager.example.org:9093",
                 "alerts": [%s]}""".formatted(status, String.join(",", alerts));
    }

    static String alert(String status, String fingerprint, String severity, String instance) {
        String endsAt = status.equals("resolved") ? "2026-01-28T12:10:00.000Z" : "0001-01-01T00:00:00Z";
        return """
                {"status": "%s",
                 "labels": {"alertname": "InstanceDown", "instance": "%s", "job": "node", "severity": "%s"},
                 "annotations": {"summary": "Instance %s down", "description": "%s has been down for more than 5 minutes."},
                 "startsAt": "2026-01-28T12:00:00.000Z",
                 "endsAt": "%s",
                 "generatorURL": "http://prometheus.example.org:9090/graph?g0.expr=up+%%3D%%3D+0&g0.tab=1",
                 "fingerprint": "%s"}""".formatted(status, instance, severity, instance, instance, endsAt, fingerprint);
    }
}
