package com.sizemotion.incidents.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.sizemotion.incidents.app.support.ApiClient.Response;
import com.sizemotion.incidents.app.support.PostgresServiceTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.UUID;

import static com.sizemotion.incidents.app.support.ReadModel.awaitIncident;
import static com.sizemotion.incidents.app.support.ReadModel.status;
import static org.assertj.core.api.Assertions.assertThat;

/** A PagerDuty v3 webhook subscription pointed at us, with payloads shaped like PagerDuty's documentation. */
class PagerDutyIntegrationIT extends PostgresServiceTest {

    private static final String SECRET = "ChMnxd8vsEbo2jFqSFLSG7Q0zBbpRnbDWsMqTSS4nh7V4cP0ZE5C3nwcqG0uU7YA";

    private long teamId;
    private long tokenId;
    private String token;
    private String incidentId;

    @BeforeEach
    void teamAndToken() {
        teamId = api.createTeam("pagerduty-" + UUID.randomUUID());
        Response created = api.postAsAdmin("/api/v1/admin/api-tokens",
                "{\"name\":\"PagerDuty\",\"team_ids\":[%d],\"rate_limit_per_minute\":10000}".formatted(teamId));
        tokenId = created.data().get("id").asLong();
        token = created.data().get("token").asText();
        incidentId = "Q" + UUID.randomUUID().toString().replace("-", "").substring(0, 13).toUpperCase();
    }

    @Test
    void followsAPagerDutyIncidentFromTriggerToResolve() {
        Response triggered = deliver(event("incident.triggered", "high", "\"P1\""));

        assertThat(triggered.status()).isEqualTo(200);
        JsonNode outcome = triggered.data().get("alerts").get(0);
        assertThat(outcome.get("key").asText()).isEqualTo("pagerduty:" + incidentId);
        assertThat(outcome.get("action").asText()).isEqualTo("created");
        long id = outcome.get("incident_id").asLong();
        JsonNode incident = awaitIncident(api, token, id);
        assertThat(incident.get("title").asText()).isEqualTo("A little bump in the road");
        assertThat(incident.get("severity").asText()).isEqualTo("Sev 1");
        assertThat(incident.get("source").asText()).isEqualTo("pagerduty");
        assertThat(incident.get("external_id").asText()).isEqualTo("pagerduty:" + incidentId);
        assertThat(incident.get("metadata").get("html_url").asText()).isEqualTo("https://acme.pagerduty.com/incidents/" + incidentId);
        assertThat(incident.get("metadata").get("service").asText()).isEqualTo("API Service");
        assertThat(incident.get("metadata").get("number").asInt()).isEqualTo(2);
        assertThat(incident.get("metadata").get("incident_key").asText()).isEqualTo("d3640fbd41094207a1c11e58e46b1662");

        Response acknowledged = deliver(event("incident.acknowledged", "high", "\"P1\""));
        assertThat(acknowledged.data().get("alerts").get(0).get("action").asText()).isEqualTo("acknowledged");
        awaitIncident(api, token, id, status("acknowledged"));

        Response resolved = deliver(event("incident.resolved", "high", "\"P1\""));
        assertThat(resolved.data().get("alerts").get(0).get("action").asText()).isEqualTo("resolved");
        awaitIncident(api, token, id, status("resolved"));

        Response lateAcknowledgement = deliver(event("incident.acknowledged", "high", "\"P1\""));
        assertThat(lateAcknowledgement.status()).isEqualTo(200);
        assertThat(lateAcknowledgement.data().get("alerts").get(0).get("action").asText()).isEqualTo("ignored");
    }

    @Test
    void reopensTheIncidentWhenPagerDutyReopensIt() {
        long id = deliver(event("incident.triggered", "high", "\"P1\"")).data().get("alerts").get(0).get("incident_id").asLong();
        deliver(event("incident.resolved", "high", "\"P1\""));
        awaitIncident(api, token, id, status("resolved"));

        Response reopened = deliver(event("incident.reopened", "high", "\"P1\""));

        assertThat(reopened.status()).isEqualTo(200);
        JsonNode outcome = reopened.data().get("alerts").get(0);
        assertThat(outcome.get("action").asText()).isEqualTo("reopened");
        assertThat(outcome.get("incident_id").asLong()).isEqualTo(id);
        awaitIncident(api, token, id, status("open"));
        Response again = deliver(event("incident.reopened", "high", "\"P1\""));
        assertThat(again.data().get("alerts").get(0).get("action").asText()).isEqualTo("ignored");
    }

    @Test
    void mapsUrgencyAndPriorityToSeverity() {
        assertThat(severityOf(event("incident.triggered", "high", "\"P2\""))).isEqualTo("Sev 1");
        assertThat(severityOf(event("incident.triggered", "high", null))).isEqualTo("Sev 2");
        assertThat(severityOf(event("incident.triggered", "low", "\"P1\""))).isEqualTo("Sev 3");
        assertThat(severityOf(event("incident.triggered", "low", "\"P4\""))).isEqualTo("Sev 4");
    }

    @Test
    void acceptsAndIgnoresOtherEventTypes() {
        long events = events();

        Response priorityUpdated = deliver(event("incident.priority_updated", "high", "\"P1\""));
        Response serviceUpdated = deliver("""
                {"event": {"id": "01BRB6ZP4M6T8ZG4X6BP63ZB9O", "event_type": "service.updated", "resource_type": "service",
                  "occurred_at": "2021-03-02T13:35:11.682Z", "agent": null, "client": null,
                  "data": {"html_url": "https://acme.pagerduty.com/services/PF9KMXH", "id": "PF9KMXH",
                           "self": "https://api.pagerduty.com/services/PF9KMXH", "summary": "testing service updates",
                           "alert_creation": "create_alerts_and_incidents", "teams": [], "type": "service"}}}""");

        assertThat(priorityUpdated.status()).isEqualTo(200);
        assertThat(priorityUpdated.data().get("alerts").get(0).get("action").asText()).isEqualTo("ignored");
        assertThat(serviceUpdated.status()).isEqualTo(200);
        assertThat(serviceUpdated.data().get("alerts").get(0).get("action").asText()).isEqualTo("ignored");
        assertThat(events()).isEqualTo(events);
    }

    @Test
    void aRedeliveryWithTheSameWebhookIdChangesNothing() {
        String payload = event("incident.triggered", "high", "\"P1\"");
        String webhookId = UUID.randomUUID().toString();
        Response first = api.send(delivery(payload).header("X-Webhook-Id", webhookId));
        long id = first.data().get("alerts").get(0).get("incident_id").asLong();
        awaitIncident(api, token, id);
        long events = events();

        Response again = api.send(delivery(payload).header("X-Webhook-Id", webhookId));
        Response otherDelivery = api.send(delivery(payload).header("X-Webhook-Id", UUID.randomUUID().toString()));

        assertThat(again.status()).isEqualTo(200);
        assertThat(again.data()).isEqualTo(first.data());
        assertThat(otherDelivery.data().get("alerts").get(0).get("action").asText()).isEqualTo("repeated");
        assertThat(events()).isEqualTo(events + 1);
        assertThat(DATABASE.count("SELECT count(*) FROM webhook_delivery WHERE delivery_id = '" + webhookId + "'")).isEqualTo(1);
    }

    @Test
    void requiresAValidSignatureOnceTheTokenHasASigningSecret() {
        Response set = api.patchAsAdmin("/api/v1/admin/api-tokens/" + tokenId, "{\"pagerduty_signing_secret\":\"" + SECRET + "\"}");
        assertThat(set.status()).isEqualTo(200);
        assertThat(set.data().get("pagerduty_signing_secret_set").asBoolean()).isTrue();
        assertThat(set.raw().body()).doesNotContain(SECRET);
        JsonNode listed = listedToken();
        assertThat(listed.get("pagerduty_signing_secret_set").asBoolean()).isTrue();
        assertThat(listed.get("name").asText()).isEqualTo("PagerDuty");
        assertThat(listed.has("pagerduty_signing_secret")).isFalse();
        assertThat(api.getAsAdmin("/api/v1/admin/api-tokens").raw().body()).doesNotContain(SECRET);
        String payload = event("incident.triggered", "high", "\"P1\"");
        long events = events();

        Response unsigned = api.send(delivery(payload));
        Response wronglySigned = api.send(delivery(payload).header("X-PagerDuty-Signature", "v1=" + hmac("another secret", payload)));
        Response otherBody = api.send(delivery(payload.replace("A little bump", "A big bump"))
                .header("X-PagerDuty-Signature", "v1=" + hmac(SECRET, payload)));

        assertThat(unsigned.status()).isEqualTo(401);
        assertThat(unsigned.json().get("success").asBoolean()).isFalse();
        assertThat(unsigned.json().get("message").asText()).contains("X-PagerDuty-Signature");
        assertThat(unsigned.header("X-RateLimit-Limit")).isEqualTo("10000");
        assertThat(wronglySigned.status()).isEqualTo(401);
        assertThat(otherBody.status()).isEqualTo(401);
        assertThat(events()).isEqualTo(events);

        Response rotating = api.send(delivery(payload).header("X-PagerDuty-Signature",
                "v1=" + hmac("the previous secret", payload) + ",v1=" + hmac(SECRET, payload)));
        assertThat(rotating.status()).isEqualTo(200);
        assertThat(rotating.data().get("alerts").get(0).get("action").asText()).isEqualTo("created");

        Response removed = api.patchAsAdmin("/api/v1/admin/api-tokens/" + tokenId, "{\"pagerduty_signing_secret\":null}");
        assertThat(removed.data().get("pagerduty_signing_secret_set").asBoolean()).isFalse();
        assertThat(api.send(delivery(payload)).status()).isEqualTo(200);
    }

    @Test
    void validatesTheSigningSecretChange() {
        Response unknownToken = api.patchAsAdmin("/api/v1/admin/api-tokens/999999", "{\"pagerduty_signing_secret\":\"s\"}");
        Response empty = api.patchAsAdmin("/api/v1/admin/api-tokens/" + tokenId, "{\"pagerduty_signing_secret\":\"\"}");
        Response missing = api.patchAsAdmin("/api/v1/admin/api-tokens/" + tokenId, "{\"signing_secret\":\"s\"}");
        Response asToken = api.send(api.request("/api/v1/admin/api-tokens/" + tokenId).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"pagerduty_signing_secret\":null}")));

        assertThat(unknownToken.status()).isEqualTo(404);
        assertThat(unknownToken.json().get("message").asText()).isEqualTo("API token not found.");
        assertThat(empty.status()).isEqualTo(422);
        assertThat(missing.status()).isEqualTo(422);
        assertThat(missing.json().get("errors").has("signing_secret")).isTrue();
        assertThat(asToken.status()).isEqualTo(401);
        assertThat(listedToken().get("pagerduty_signing_secret_set").asBoolean()).isFalse();
    }

    @Test
    void refusesMalformedPayloadsAndOtherTeamsAndWritesNothing() {
        long otherTeam = api.createTeam("pagerduty-other-" + UUID.randomUUID());
        long events = events();

        Response notJson = deliver("{\"event\": {");
        Response v2Payload = deliver("{\"messages\": [{\"event\": \"incident.trigger\"}]}");
        Response noIncidentId = deliver(event("incident.triggered", "high", null).replace("\"id\": \"" + incidentId + "\"", "\"id\": \"\""));
        Response noTeam = api.postAsToken("/api/v1/integrations/pagerduty", token, event("incident.triggered", "high", null));
        Response otherTeamsIncident = api.postAsToken("/api/v1/integrations/pagerduty?team_id=" + otherTeam, token,
                event("incident.triggered", "high", null));

        assertThat(notJson.status()).isEqualTo(400);
        assertThat(v2Payload.status()).isEqualTo(422);
        assertThat(v2Payload.json().get("errors").has("event")).isTrue();
        assertThat(noIncidentId.status()).isEqualTo(422);
        assertThat(noIncidentId.json().get("errors").has("event.data.id")).isTrue();
        assertThat(noTeam.status()).isEqualTo(422);
        assertThat(otherTeamsIncident.status()).isEqualTo(403);
        assertThat(events()).isEqualTo(events);
    }

    private JsonNode listedToken() {
        for (JsonNode listed : api.getAsAdmin("/api/v1/admin/api-tokens").data()) {
            if (listed.get("id").asLong() == tokenId) {
                return listed;
            }
        }
        throw new AssertionError("token " + tokenId + " is not listed");
    }

    private String severityOf(String payload) {
        incidentId = "Q" + UUID.randomUUID().toString().replace("-", "").substring(0, 13).toUpperCase();
        long id = deliver(payload.replace("PGR0VU2", incidentId)).data().get("alerts").get(0).get("incident_id").asLong();
        return awaitIncident(api, token, id).get("severity").asText();
    }

    private Response deliver(String payload) {
        return api.send(delivery(payload));
    }

    private HttpRequest.Builder delivery(String payload) {
        return api.request("/api/v1/integrations/pagerduty?team_id=" + teamId)
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .header("User-Agent", "PagerDuty-Webhook/V3.0")
                .POST(HttpRequest.BodyPublishers.ofString(payload, StandardCharsets.UTF_8));
    }

    private long events() {
        return DATABASE.count("SELECT count(*) FROM domain_event_entry");
    }

    private static String hmac(String secret, String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A v3 webhook payload shaped like the example of PagerDuty's documentation. */
    private String event(String eventType, String urgency, String priority) {
        String priorityObject = priority == null ? "null" : """
                {"html_url": "https://acme.pagerduty.com/account/incident_priorities", "id": "PSO75BM",
                 "self": "https://api.pagerduty.com/priorities/PSO75BM", "summary": %s, "type": "priority_reference"}"""
                .formatted(priority);
        return """
                {"event": {
                  "id": "%s",
                  "event_type": "%s",
                  "resource_type": "incident",
                  "occurred_at": "2020-10-02T18:45:22.169Z",
                  "agent": {"html_url": "https://acme.pagerduty.com/users/PLH1HKV", "id": "PLH1HKV",
                            "self": "https://api.pagerduty.com/users/PLH1HKV", "summary": "Tenex Engineer", "type": "user_reference"},
                  "client": {"name": "PagerDuty"},
                  "data": {
                    "id": "%s",
                    "type": "incident",
                    "self": "https://api.pagerduty.com/incidents/%s",
                    "html_url": "https://acme.pagerduty.com/incidents/%s",
                    "number": 2,
                    "status": "triggered",
                    "incident_key": "d3640fbd41094207a1c11e58e46b1662",
                    "created_at": "2020-04-09T15:16:27Z",
                    "title": "A little bump in the road",
                    "service": {"html_url": "https://acme.pagerduty.com/services/PF9KMXH", "id": "PF9KMXH",
                                "self": "https://api.pagerduty.com/services/PF9KMXH", "summary": "API Service", "type": "service_reference"},
                    "assignees": [{"html_url": "https://acme.pagerduty.com/users/PTUXL6G", "id": "PTUXL6G",
                                   "self": "https://api.pagerduty.com/users/PTUXL6G", "summary": "User 123", "type": "user_reference"}],
                    "escalation_policy": {"html_url": "https://acme.pagerduty.com/escalation_policies/PUS0KTE", "id": "PUS0KTE",
                                          "self": "https://api.pagerduty.com/escalation_policies/PUS0KTE", "summary": "Default",
                                          "type": "escalation_policy_reference"},
                    "teams": [{"html_url": "https://acme.pagerduty.com/teams/PFCVPS0", "id": "PFCVPS0",
                               "self": "https://api.pagerduty.com/teams/PFCVPS0", "summary": "Engineering", "type": "team_reference"}],
                    "priority": %s,
                    "urgency": "%s",
                    "conference_bridge": {"conference_number": "+1 1234123412,,987654321#", "conference_url": "https://example.com"},
                    "resolve_reason": null}}}"""
                .formatted(UUID.randomUUID(), eventType, incidentId, incidentId, incidentId, priorityObject, urgency);
    }
}
