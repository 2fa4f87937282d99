package com.sizemotion.incidents.command.integration.alertmanager;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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

class AlertmanagerPayloadMapperTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final AlertmanagerPayloadMapper mapper = new AlertmanagerPayloadMapper(JSON);

    /** A version 4 payload as Alertmanager's webhook_config sends it: one group, two alerts of two instances. */
    static final String GROUP = """
            {"receiver": "incidents", "status": "firing",
             "alerts": [
              {"status": "firing",
               "labels": {"alertname": "ProbeFailure", "instance": "https://server.example.org", "job": "http_checks",
                          "monitor": "master", "severity": "critical"},
               "annotations": {"description": "Instance https://server.example.org has been down for over 5m. Job: http_checks",
                               "summary": "BlackBox Probe Failure: https://server.example.org"},
               "startsAt": "2023-02-06T13:08:45.828Z", "endsAt": "0001-01-01T00:00:00Z",
               "generatorURL": "http://prometheus.example.org:9090/graph?g0.expr=probe_success+%3D%3D+0&g0.tab=1",
               "fingerprint": "1a30ba71cca2921f"},
              {"status": "resolved",
               "labels": {"alertname": "ProbeFailure", "instance": "https://api.example.org", "job": "http_checks",
                          "monitor": "master", "severity": "critical"},
               "annotations": {"summary": "BlackBox Probe Failure: https://api.example.org"},
               "startsAt": "2023-02-06T13:01:45.828Z", "endsAt": "2023-02-06T13:10:45.828Z",
               "generatorURL": "http://prometheus.example.org:9090/graph?g0.expr=probe_success+%3D%3D+0&g0.tab=1",
               "fingerprint": "2b41cb82ddb3a32a"}
             ],
             "groupLabels": {"alertname": "ProbeFailure"},
             "commonLabels": {"alertname": "ProbeFailure", "job": "http_checks", "monitor": "master", "severity": "critical"},
             "commonAnnotations": {},
             "externalURL": "http://prometheus.example.org:9093",
             "version": "4",
             "groupKey": "{}/{severity=\\"critical\\"}:{alertname=\\"ProbeFailure\\"}",
             "truncatedAlerts": 0}""";

    @Test
    void mapsEachAlertOfAGroupByItsFingerprintInOrder() {
        List<AlertAction> actions = mapper.map(json(GROUP));

        assertThat(actions).hasSize(2);
        AlertAction.Open firing = (AlertAction.Open) actions.get(0);
        assertThat(firing.key()).isEqualTo("alertmanager:1a30ba71cca2921f");
        assertThat(firing.teamId()).isNull();
        assertThat(firing.title()).isEqualTo("BlackBox Probe Failure: https://server.example.org");
        assertThat(firing.description()).isEqualTo("Instance https://server.example.org has been down for over 5m. Job: http_checks");
        assertThat(firing.severity()).isEqualTo(Severity.SEV1);
        assertThat(firing.tags()).containsExactly("alertname:ProbeFailure", "instance:https://server.example.org",
                "job:http_checks", "monitor:master", "severity:critical");
        assertThat(firing.metadata()).containsEntry("fingerprint", "1a30ba71cca2921f")
                .containsEntry("startsAt", "2023-02-06T13:08:45.828Z")
                .containsEntry("externalURL", "http://prometheus.example.org:9093")
                .containsEntry("generatorURL", "http://prometheus.example.org:9090/graph?g0.expr=probe_success+%3D%3D+0&g0.tab=1")
                .containsEntry("labels", Map.of("alertname", "ProbeFailure", "instance", "https://server.example.org",
                        "job", "http_checks", "monitor", "master", "severity", "critical"))
                .containsKey("annotations");
        assertThat(actions.get(1)).isEqualTo(new AlertAction.Resolve("alertmanager:2b41cb82ddb3a32a", null));
    }

    @ParameterizedTest
    @CsvSource({"critical,1", "CRITICAL,1", "error,2", "high,2", "warning,3", "info,4", "low,4", "1,1", "2,2", "3,3", "4,4",
            "P1,1", "p2,2", "P3,3", "P4,4", "sev1,1", "Sev 2,2", "SEV-3,3", "sev4,4", "page,3", "'',3"})
    void mapsTheSeverityLabel(String label, int level) {
        JsonNode body = json(single("{\"alertname\":\"A\",\"severity\":\"" + label + "\"}", "{}"));

        assertThat(((AlertAction.Open) mapper.map(body).get(0)).severity()).isEqualTo(Severity.ofLevel(level));
    }

    @Test
    void takesTheDefaultSeverityAndTheAlertnameAsTitleWhenLabelsAndAnnotationsSayLittle() {
        AlertAction.Open open = (AlertAction.Open) mapper.map(json(single("{\"alertname\":\"DiskFull\"}", "{}"))).get(0);

        assertThat(open.severity()).isEqualTo(Severity.SEV3);
        assertThat(open.title()).isEqualTo("DiskFull");
        assertThat(open.description()).isNull();
    }

    @Test
    void acceptsAlertsWithoutOptionalFields() {
        AlertAction.Open open = (AlertAction.Open) mapper.map(json("""
                {"version": "4", "status": "firing", "alerts": [{"status": "firing", "fingerprint": "abc"}]}""")).get(0);

        assertThat(open.title()).isEqualTo("Alert abc");
        assertThat(open.tags()).isEmpty();
        assertThat(open.metadata()).containsOnlyKeys("fingerprint", "labels", "annotations");
    }

    @Test
    void takesTheTeamFromTheTeamIdLabel() {
        AlertAction action = mapper.map(json(single("{\"alertname\":\"A\",\"team_id\":\"7\"}", "{}"))).get(0);

        assertThat(action.teamId()).isEqualTo(7L);
    }

    @Test
    void ignoresFieldsItDoesNotKnow() {
        List<AlertAction> actions = mapper.map(json("""
                {"version": "4", "status": "firing", "orgId": 1, "futureField": {"x": 1},
                 "alerts": [{"status": "firing", "fingerprint": "abc", "labels": {"alertname": "A"},
                             "silenceURL": "http://am/silence", "values": {"B": 44.2}}]}"""));

        assertThat(actions).hasSize(1);
    }

    @Test
    void fitsLongTextsToTheIncidentLimits() {
        String summary = "x".repeat(400);
        String label = "y".repeat(60);
        AlertAction.Open open = (AlertAction.Open) mapper.map(json(single(
                "{\"alertname\":\"A\",\"long\":\"" + label + "\"}", "{\"summary\":\"" + summary + "\"}"))).get(0);

        assertThat(open.title()).hasSize(255).endsWith("…");
        assertThat(open.tags()).containsExactly("alertname:A");
        assertThat(open.metadata().get("labels")).isEqualTo(Map.of("alertname", "A", "long", label));
    }

    @Test
    void refusesAPayloadOfAnotherVersionOrWithoutAlerts() {
        assertThat(errorsOf("{\"version\":\"3\",\"alerts\":[]}")).containsOnlyKeys("version");
        assertThat(errorsOf("{\"version\":\"4\"}")).containsOnlyKeys("alerts");
        assertThat(errorsOf("{\"version\":\"4\",\"alerts\":{}}")).containsOnlyKeys("alerts");
        assertThat(errorsOf("[]")).containsOnlyKeys("body");
    }

    @Test
    void reportsEveryBadAlertAtOnce() {
        Map<String, List<String>> errors = errorsOf("""
                {"version": "4", "alerts": [
                  {"status": "firing", "fingerprint": "ok"},
                  {"status": "pending", "labels": {"team_id": "five"}},
                  {"status": "firing", "fingerprint": "x", "labels": ["a"]},
                  "not an alert"]}""");

        assertThat(errors).containsOnlyKeys("alerts.1.fingerprint", "alerts.1.status", "alerts.1.labels.team_id",
                "alerts.2.labels", "alerts.3");
    }

    private static String single(String labels, String annotations) {
        return """
                {"version": "4", "status": "firing", "alerts": [
                  {"status": "firing", "labels": %s, "annotations": %s, "fingerprint": "f1"}]}""".formatted(labels, annotations);
    }

    @Test
    void cleansTextThatCannotBeStoredButRefusesSuchAFingerprint() {
        AlertAction.Open open = (AlertAction.Open) mapper.map(json(GROUP
                .replace("BlackBox Probe Failure: https://server", "BlackBox\\u0000Probe Failure: https://server")
                .replace("\"instance\": \"https://server.example.org\"",
                        "\"instance\": \"https://server.example.org\", \"bad\\u0000name\": \"x\\ud800\""))).get(0);

        assertThat(open.title()).isEqualTo("BlackBox\uFFFDProbe Failure: https://server.example.org");
        assertThat(open.tags()).contains("bad\uFFFDname:x\uFFFD");
        assertThat(open.metadata().get("labels")).isEqualTo(Map.of("alertname", "ProbeFailure",
                "instance", "https://server.example.org", "job", "http_checks", "monitor", "master", "severity", "critical",
                "bad\uFFFDname", "x\uFFFD"));
        assertThat(errorsOf(GROUP.replace("\"fingerprint\": \"2b41cb82ddb3a32a\"", "\"fingerprint\": \"2b41\\u0000x\"")))
                .containsOnlyKeys("alerts.1.fingerprint");
    }

    private Map<String, List<String>> errorsOf(String body) {
        return catchThrowableOfType(ValidationFailedException.class, () -> mapper.map(json(body))).errors();
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
