package com.sizemotion.incidents.command.integration.pagerduty;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sizemotion.incidents.api.incident.Severity;
import com.sizemotion.incidents.api.web.ValidationFailedException;
import com.sizemotion.incidents.command.integration.AlertAction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class PagerDutyPayloadMapperTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final PagerDutyPayloadMapper mapper = new PagerDutyPayloadMapper();

    /** The v3 webhook payload of PagerDuty's documentation, as an incident.triggered event. */
    static final String TRIGGERED = """
            {"event": {
              "id": "5ac64822-4adc-4fda-ade0-410becf0de4f",
              "event_type": "incident.triggered",
              "resource_type": "incident",
              "occurred_at": "2020-10-02T18:45:22.169Z",
              "agent": {"html_url": "https://acme.pagerduty.com/users/PLH1HKV", "id": "PLH1HKV",
                        "self": "https://api.pagerduty.com/users/PLH1HKV", "summary": "Tenex Engineer", "type": "user_reference"},
              "client": {"name": "PagerDuty"},
              "data": {
                "id": "PGR0VU2", "type": "incident", "self": "https://api.pagerduty.com/incidents/PGR0VU2",
                "html_url": "https://acme.pagerduty.com/incidents/PGR0VU2", "number": 2, "status": "triggered",
                "incident_key": "d3640fbd41094207a1c11e58e46b1662", "created_at": "2020-04-09T15:16:27Z",
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
                "priority": {"html_url": "https://acme.pagerduty.com/account/incident_priorities", "id": "PSO75BM",
                             "self": "https://api.pagerduty.com/priorities/PSO75BM", "summary": "P1", "type": "priority_reference"},
                "urgency": "high",
                "conference_bridge": {"conference_number": "+1 1234123412,,987654321#", "conference_url": "https://example.com"},
                "resolve_reason": null}}}""";

    @Test
    void opensAnIncidentForATriggeredIncident() {
        AlertAction.Open open = (AlertAction.Open) mapper.map(json(TRIGGERED)).get(0);

        assertThat(open.key()).isEqualTo("pagerduty:PGR0VU2");
        assertThat(open.title()).isEqualTo("A little bump in the road");
        assertThat(open.severity()).isEqualTo(Severity.SEV1);
        assertThat(open.description()).isNull();
        assertThat(open.metadata())
                .containsEntry("html_url", "https://acme.pagerduty.com/incidents/PGR0VU2")
                .containsEntry("number", 2L)
                .containsEntry("incident_key", "d3640fbd41094207a1c11e58e46b1662")
                .containsEntry("service", "API Service")
                .containsEntry("urgency", "high")
                .containsEntry("priority", "P1");
    }

    @ParameterizedTest
    @CsvSource({"high,P1,1", "high,P2,1", "high,P3,2", "high,P5,2", "high,,2", "low,P1,3", "low,P2,3", "low,P3,4",
            "low,,4", ",P2,1", ",,2"})
    void mapsUrgencyToAPairAndPriorityWithinIt(String urgency, String priority, int level) {
        ObjectNode data = (ObjectNode) json(TRIGGERED).get("event").get("data");
        data.put("urgency", urgency);
        if (priority == null) {
            data.putNull("priority");
        } else {
            ((ObjectNode) data.get("priority")).put("summary", priority);
        }

        assertThat(PagerDutyPayloadMapper.severity(data)).isEqualTo(Severity.ofLevel(level));
    }

    @Test
    void acknowledgesAndResolvesByThePagerDutyIncidentId() {
        assertThat(mapper.map(json(TRIGGERED.replace("incident.triggered", "incident.acknowledged"))))
                .containsExactly(new AlertAction.Acknowledge("pagerduty:PGR0VU2", null));
        assertThat(mapper.map(json(TRIGGERED.replace("incident.triggered", "incident.resolved"))))
                .containsExactly(new AlertAction.Resolve("pagerduty:PGR0VU2", null));
    }

    @Test
    void reopensByThePagerDutyIncidentId() {
        assertThat(mapper.map(json(TRIGGERED.replace("incident.triggered", "incident.reopened"))))
                .containsExactly(new AlertAction.Reopen("pagerduty:PGR0VU2", null));
    }

    @Test
    void cleansTextThatCannotBeStoredButRefusesSuchAnIncidentId() {
        AlertAction.Open open = (AlertAction.Open) mapper.map(json(TRIGGERED
                .replace("A little bump", "A little\\u0000bump \\ud800")
                .replace("\"summary\": \"API Service\"", "\"summary\": \"API\\udc00Service\""))).get(0);

        assertThat(open.title()).isEqualTo("A little\uFFFDbump \uFFFD in the road");
        assertThat(open.metadata()).containsEntry("service", "API\uFFFDService");
        assertThat(errorsOf(TRIGGERED.replace("\"id\": \"PGR0VU2\"", "\"id\": \"PGR\\u0000VU2\"")))
                .containsOnlyKeys("event.data.id");
        assertThat(errorsOf(TRIGGERED.replace("incident.triggered", "incident.resolved")
                .replace("\"id\": \"PGR0VU2\"", "\"id\": \"PGR\\ud800\""))).containsOnlyKeys("event.data.id");
    }

    @Test
    void acceptsAndIgnoresOtherEventTypes() {
        AlertAction priorityUpdated = mapper.map(json(TRIGGERED.replace("incident.triggered", "incident.priority_updated"))).get(0);
        AlertAction annotated = mapper.map(json("""
                {"event": {"id": "01BRB6", "event_type": "incident.annotated", "resource_type": "incident",
                  "data": {"incident": {"id": "PGR0VU2", "type": "incident_reference"}, "id": "P2LA89X",
                           "content": "I sure am glad we are using PagerDuty!", "type": "incident_note"}}}""")).get(0);
        AlertAction serviceUpdated = mapper.map(json("""
                {"event": {"id": "01BRB6ZP4M6T8ZG4X6BP63ZB9O", "event_type": "service.updated", "resource_type": "service",
                  "agent": null, "client": null, "data": {"id": "PF9KMXH", "summary": "testing service updates", "type": "service"}}}""")).get(0);

        assertThat(priorityUpdated).isEqualTo(new AlertAction.Ignore("pagerduty:PGR0VU2",
                "PagerDuty's incident.priority_updated events do not change incidents here."));
        assertThat(annotated.key()).isEqualTo("pagerduty:PGR0VU2");
        assertThat(serviceUpdated.key()).isEqualTo("pagerduty:event:01BRB6ZP4M6T8ZG4X6BP63ZB9O");
        assertThat(serviceUpdated).isInstanceOf(AlertAction.Ignore.class);
    }

    @Test
    void acceptsATriggeredIncidentWithoutOptionalFields() {
        AlertAction.Open open = (AlertAction.Open) mapper.map(json("""
                {"event": {"event_type": "incident.triggered", "data": {"id": "Q1", "number": 7}}}""")).get(0);

        assertThat(open.title()).isEqualTo("PagerDuty incident #7");
        assertThat(open.severity()).isEqualTo(Severity.SEV2);
        assertThat(open.metadata()).isEqualTo(Map.of("number", 7L));
    }

    @Test
    void keepsAnIncidentNumberBeyondALongAsItsText() {
        AlertAction.Open open = (AlertAction.Open) mapper.map(json("""
                {"event": {"event_type": "incident.triggered", "data": {"id": "Q1", "number": 99999999999999999999}}}""")).get(0);

        assertThat(open.metadata()).isEqualTo(Map.of("number", "99999999999999999999"));
    }

    @Test
    void refusesPayloadsThatAreNotV3Webhooks() {
        assertThat(errorsOf("{\"messages\":[]}")).containsOnlyKeys("event");
        assertThat(errorsOf("{\"event\":{\"data\":{}}}")).containsOnlyKeys("event.event_type");
        assertThat(errorsOf("{\"event\":{\"event_type\":\"incident.triggered\",\"data\":{\"title\":\"x\"}}}"))
                .containsOnlyKeys("event.data.id");
        assertThat(errorsOf("[1]")).containsOnlyKeys("body");
    }

    private Map<String, List<String>> errorsOf(String body) {
        return catchThrowableOfType(ValidationFailedException.class, () -> mapper.map(json(body))).errors();
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
