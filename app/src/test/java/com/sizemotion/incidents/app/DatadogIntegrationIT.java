package com.sizemotion.incidents.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sizemotion.incidents.app.support.ApiClient.Response;
import com.sizemotion.incidents.app.support.PostgresServiceTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.UncheckedIOException;
import java.util.UUID;

import static com.sizemotion.incidents.app.support.ReadModel.awaitIncident;
import static com.sizemotion.incidents.app.support.ReadModel.status;
import static org.assertj.core.api.Assertions.assertThat;

/** Datadog's Webhooks integration with the README's custom payload, filled in as Datadog fills it. */
class DatadogIntegrationIT extends PostgresServiceTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private long teamId;
    private String token;
    private String monitorId;

    @BeforeEach
    void teamAndToken() {
        teamId = api.createTeam("datadog-" + UUID.randomUUID());
        token = api.createToken("{\"name\":\"Datadog Production\",\"team_ids\":[%d],\"rate_limit_per_minute\":10000}".formatted(teamId));
        monitorId = Long.toString(Math.abs(UUID.randomUUID().getMostSignificantBits() % 100_000_000L));
    }

    @Test
    void triggerRepeatRecoveryAndTheNextCycleOfOneMonitorGroup() {
        String cycle1 = cycleKey();
        Response triggered = deliver(notification("Triggered", cycle1, "host:web-01", "P2"));

        assertThat(triggered.status()).isEqualTo(200);
        JsonNode outcome = triggered.data().get("alerts").get(0);
        assertThat(outcome.get("key").asText()).isEqualTo("datadog:" + cycle1);
        assertThat(outcome.get("action").asText()).isEqualTo("created");
        long first = outcome.get("incident_id").asLong();
        JsonNode incident = awaitIncident(api, token, first);
        assertThat(incident.get("title").asText()).isEqualTo("[P2] [Triggered on {host:web-01}] High CPU on web");
        assertThat(incident.get("description").asText()).isEqualTo("CPU above 90% for 5 minutes on host:web-01. @webhook-incidents");
        assertThat(incident.get("severity").asText()).isEqualTo("Sev 2");
        assertThat(incident.get("source").asText()).isEqualTo("datadog");
        assertThat(incident.get("tags")).extracting(JsonNode::asText).containsExactly("env:prod", "host:web-01", "monitor", "service:web");
        assertThat(incident.get("metadata").get("env").asText()).isEqualTo("prod");
        assertThat(incident.get("metadata").get("alert_id").asText()).isEqualTo(monitorId);
        assertThat(incident.get("metadata").get("scope").asText()).isEqualTo("host:web-01");
        assertThat(incident.get("metadata").get("triggered_at").asText()).isEqualTo("2026-01-28T12:34:56Z");
        assertThat(incident.get("metadata").get("link").asText()).startsWith("https://app.datadoghq.com/");

        Response renotified = deliver(notification("Renotify", cycle1, "host:web-01", "P1"));
        assertThat(renotified.data().get("alerts").get(0).get("action").asText()).isEqualTo("repeated");
        JsonNode repeated = awaitIncident(api, token, first, view -> view.get("severity").asText().equals("Sev 1"));
        assertThat(repeated.get("occurrences").asInt()).isEqualTo(2);

        Response recovered = deliver(notification("Recovered", cycle1, "host:web-01", "P2"));
        assertThat(recovered.data().get("alerts").get(0).get("action").asText()).isEqualTo("resolved");
        assertThat(recovered.data().get("alerts").get(0).get("incident_id").asLong()).isEqualTo(first);
        awaitIncident(api, token, first, status("resolved"));

        Response nextCycle = deliver(notification("Triggered", cycleKey(), "host:web-01", "P2"));
        assertThat(nextCycle.data().get("alerts").get(0).get("action").asText()).isEqualTo("created");
        assertThat(nextCycle.data().get("alerts").get(0).get("incident_id").asLong()).isNotEqualTo(first);
    }

    @Test
    void withoutACycleKeyTheNextTriggerOpensANewIncidentLinkedToThePreviousOne() {
        long first = deliver(notification("Triggered", "", "host:web-01", "P3")).data().get("alerts").get(0).get("incident_id").asLong();
        Response recovered = deliver(notification("Recovered", "", "host:web-01", "P3"));
        assertThat(recovered.data().get("alerts").get(0).get("key").asText()).isEqualTo("datadog:" + monitorId + ":host:web-01");
        assertThat(recovered.data().get("alerts").get(0).get("action").asText()).isEqualTo("resolved");

        Response retriggered = deliver(notification("Re-Triggered", "", "host:web-01", "P3"));

        assertThat(retriggered.data().get("alerts").get(0).get("action").asText()).isEqualTo("created");
        long second = retriggered.data().get("alerts").get(0).get("incident_id").asLong();
        assertThat(second).isNotEqualTo(first);
        assertThat(awaitIncident(api, token, second).get("previous_incident_id").asLong()).isEqualTo(first);
        assertThat(awaitIncident(api, token, first).get("status").asText()).isEqualTo("resolved");
    }

    @Test
    void twoHostsOfAMultiAlertMonitorAreTwoIncidentsAndARecoveryResolvesOnlyItsOwn() {
        long web01 = deliver(notification("Triggered", "", "host:web-01", "P2")).data().get("alerts").get(0).get("incident_id").asLong();
        long web02 = deliver(notification("Triggered", "", "host:web-02", "P2")).data().get("alerts").get(0).get("incident_id").asLong();

        deliver(notification("Recovered", "", "host:web-02", "P2"));

        assertThat(web01).isNotEqualTo(web02);
        awaitIncident(api, token, web02, status("resolved"));
        assertThat(awaitIncident(api, token, web01).get("status").asText()).isEqualTo("open");
    }

    @Test
    void mapsPrioritiesAndFallsBackToTheDefaultSeverity() {
        assertThat(severityOf(notification("Triggered", cycleKey(), "host:a", "P1"))).isEqualTo("Sev 1");
        assertThat(severityOf(notification("Triggered", cycleKey(), "host:b", "P4"))).isEqualTo("Sev 4");
        assertThat(severityOf(notification("Triggered", cycleKey(), "host:c", "P5"))).isEqualTo("Sev 4");
        assertThat(severityOf(notification("Triggered", cycleKey(), "host:d", ""))).isEqualTo("Sev 3");
        assertThat(severityOf(with(notification("Warn", cycleKey(), "host:e", ""), "alert_type", "warning"))).isEqualTo("Sev 4");
    }

    @Test
    void acceptsNotificationsWithUnfilledOptionalVariables() {
        String sparse = """
                {"alert_id": "%s", "alert_cycle_key": "", "title": "", "event_title": "", "body": "", "priority": "",
                 "transition": "No Data", "alert_type": "", "scope": "", "link": "", "tags": "", "hostname": "", "date": "",
                 "org": {"id": "", "name": ""}}""".formatted(monitorId);

        Response response = deliver(sparse);

        assertThat(response.status()).isEqualTo(200);
        JsonNode incident = awaitIncident(api, token, response.data().get("alerts").get(0).get("incident_id").asLong());
        assertThat(incident.get("title").asText()).isEqualTo("Datadog monitor " + monitorId);
        assertThat(incident.get("external_id").asText()).isEqualTo("datadog:" + monitorId);
        assertThat(incident.get("severity").asText()).isEqualTo("Sev 3");
        assertThat(incident.get("tags")).isEmpty();
    }

    @Test
    void ignoresTransitionsThatNeitherOpenNorResolve() {
        long events = events();

        Response response = deliver(notification("Muted", cycleKey(), "host:web-01", "P2"));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.data().get("alerts").get(0).get("action").asText()).isEqualTo("ignored");
        assertThat(response.data().get("alerts").get(0).get("reason").asText()).contains("Muted");
        assertThat(events()).isEqualTo(events);
    }

    @Test
    void refusesMalformedNotificationsAndWritesNothing() {
        long events = events();

        Response notJson = deliver("{\"alert_id\": \"1\", ");
        Response notAnObject = deliver("[\"$ALERT_ID\"]");
        Response noIdentity = deliver(with(with(notification("Triggered", "", "host:a", "P1"), "alert_id", ""), "alert_cycle_key", ""));

        assertThat(notJson.status()).isEqualTo(400);
        assertThat(notAnObject.status()).isEqualTo(422);
        assertThat(noIdentity.status()).isEqualTo(422);
        assertThat(noIdentity.json().get("errors").has("alert_id")).isTrue();
        assertThat(events()).isEqualTo(events);
    }

    @Test
    void keepsTokensToTheirTeamsAndCarriesRateLimitHeaders() {
        long otherTeam = api.createTeam("datadog-other-" + UUID.randomUUID());
        long events = events();

        Response forbidden = api.postAsToken("/api/v1/integrations/datadog?team_id=" + otherTeam, token,
                notification("Triggered", cycleKey(), "host:a", "P1"));
        Response accepted = deliver(notification("Triggered", cycleKey(), "host:a", "P1"));

        assertThat(forbidden.status()).isEqualTo(403);
        assertThat(forbidden.header("X-RateLimit-Limit")).isEqualTo("10000");
        assertThat(accepted.status()).isEqualTo(200);
        assertThat(accepted.header("X-RateLimit-Remaining")).isNotNull();
        assertThat(events()).isGreaterThan(events);
    }

    private String severityOf(String notification) {
        long id = deliver(notification).data().get("alerts").get(0).get("incident_id").asLong();
        return awaitIncident(api, token, id).get("severity").asText();
    }

    private Response deliver(String payload) {
        return api.postAsToken("/api/v1/integrations/datadog?team_id=" + teamId, token, payload);
    }

    private long events() {
        return DATABASE.count("SELECT count(*) FROM domain_event_entry");
    }

    private static String cycleKey() {
        return Long.toString(Math.abs(UUID.randomUUID().getLeastSignificantBits()));
    }

    /** The README's payload as Datadog fills it in for one group of a multi-alert monitor. */
    private String notification(String transition, String cycleKey, String scope, String priority) {
        String alertType = transition.equals("Recovered") ? "success" : "error";
        return """
                {"alert_id": "%s", "alert_cycle_key": "%s",
                 "title": "[%s] [%s on {%s}] High CPU on web", "event_title": "[%s on {%s}] High CPU on web",
                 "body": "%%%%%%\\nCPU above 90%% for 5 minutes on %s. @webhook-incidents\\n%%%%%%",
                 "priority": "%s", "transition": "%s", "alert_type": "%s", "scope": "%s",
                 "link": "https://app.datadoghq.com/event/event?id=7077414567434410417",
                 "tags": "env:prod,%s,monitor,service:web", "hostname": "%s", "date": "1769603696000",
                 "org": {"id": "123456", "name": "Acme"}}"""
                .formatted(monitorId, cycleKey, priority, transition, scope, transition, scope, scope, priority, transition,
                        alertType, scope, scope, scope.substring(scope.indexOf(':') + 1));
    }

    private static String with(String payload, String field, String value) {
        try {
            ObjectNode node = (ObjectNode) JSON.readTree(payload);
            node.put(field, value);
            return node.toString();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
