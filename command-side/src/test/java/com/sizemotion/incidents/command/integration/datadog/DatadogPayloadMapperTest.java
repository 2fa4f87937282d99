package com.sizemotion.incidents.command.integration.datadog;

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
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class DatadogPayloadMapperTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final DatadogPayloadMapper mapper = new DatadogPayloadMapper(3);

    /** The README's custom payload as Datadog fills it in for a multi-alert monitor's group. */
    static final String TRIGGERED = """
            {"alert_id": "1234567", "alert_cycle_key": "7077414567434410417",
             "title": "[P2] [Triggered on {host:web-01}] High CPU on web",
             "event_title": "[Triggered on {host:web-01}] High CPU on web",
             "body": "%%%\\nCPU above 90% for 5 minutes @webhook-incidents\\n%%%",
             "priority": "P2", "transition": "Triggered", "alert_type": "error", "scope": "host:web-01",
             "link": "https://app.datadoghq.com/event/event?id=7077414567434410417",
             "tags": "env:prod, host:web-01,monitor, role:web, role:api",
             "hostname": "web-01", "date": "1769603696000", "org": {"id": "123456", "name": "Acme"}}""";

    @Test
    void mapsATriggeredNotification() {
        AlertAction.Open open = (AlertAction.Open) mapper.map(json(TRIGGERED)).get(0);

        assertThat(open.key()).isEqualTo("datadog:7077414567434410417");
        assertThat(open.teamId()).isNull();
        assertThat(open.title()).isEqualTo("[P2] [Triggered on {host:web-01}] High CPU on web");
        assertThat(open.description()).isEqualTo("CPU above 90% for 5 minutes @webhook-incidents");
        assertThat(open.severity()).isEqualTo(Severity.SEV2);
        assertThat(open.tags()).containsExactly("env:prod", "host:web-01", "monitor", "role:web", "role:api");
        assertThat(open.metadata())
                .containsEntry("env", "prod")
                .containsEntry("host", "web-01")
                .containsEntry("role", "web,api")
                .containsEntry("alert_id", "1234567")
                .containsEntry("alert_cycle_key", "7077414567434410417")
                .containsEntry("scope", "host:web-01")
                .containsEntry("link", "https://app.datadoghq.com/event/event?id=7077414567434410417")
                .containsEntry("hostname", "web-01")
                .containsEntry("triggered_at", "2026-01-28T12:34:56Z")
                .containsEntry("org_id", "123456")
                .containsEntry("org_name", "Acme")
                .doesNotContainKey("monitor");
    }

    @Test
    void keysByAlertIdAndScopeWithoutACycleKey() {
        assertThat(keyOf(with(TRIGGERED, "alert_cycle_key", ""))).isEqualTo("datadog:1234567:host:web-01");
        assertThat(keyOf(with(with(TRIGGERED, "alert_cycle_key", "$ALERT_CYCLE_KEY"), "scope", "role:web, availability-zone:us-east-1a")))
                .isEqualTo("datadog:1234567:availability-zone:us-east-1a,role:web");
        assertThat(keyOf(with(with(TRIGGERED, "alert_cycle_key", ""), "scope", ""))).isEqualTo("datadog:1234567");
    }

    @Test
    void keepsTwoGroupsOfAMultiAlertMonitorApart() {
        String web01 = with(with(TRIGGERED, "alert_cycle_key", ""), "scope", "host:web-01");
        String web02 = with(with(TRIGGERED, "alert_cycle_key", ""), "scope", "host:web-02");

        assertThat(keyOf(web01)).isNotEqualTo(keyOf(web02));
    }

    @ParameterizedTest
    @CsvSource({"P1,1", "P2,2", "P3,3", "P4,4", "P5,4", "p1,1", "'',3", "$ALERT_PRIORITY,3", "urgent,3"})
    void mapsThePriority(String priority, int level) {
        AlertAction.Open open = (AlertAction.Open) mapper.map(json(with(TRIGGERED, "priority", priority))).get(0);

        assertThat(open.severity()).isEqualTo(Severity.ofLevel(level));
    }

    @ParameterizedTest
    @CsvSource({"error,3,3", "warning,3,4", "info,3,4", "success,3,3", "error,2,2", "warning,2,3", "warning,4,4"})
    void usesTheConfiguredDefaultWithoutPriorityOneLevelLowerForWarnings(String alertType, int configured, int level) {
        DatadogPayloadMapper configuredMapper = new DatadogPayloadMapper(configured);
        JsonNode body = json(with(with(TRIGGERED, "priority", ""), "alert_type", alertType));

        assertThat(((AlertAction.Open) configuredMapper.map(body).get(0)).severity()).isEqualTo(Severity.ofLevel(level));
    }

    @Test
    void refusesADefaultSeverityOutsideOneToFour() {
        assertThatThrownBy(() -> new DatadogPayloadMapper(5)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Triggered", "Re-Triggered", "Warn", "Re-Warn", "No Data", "Re-No Data", "Renotify"})
    void opensOrRepeatsForAlertingTransitions(String transition) {
        assertThat(mapper.map(json(with(TRIGGERED, "transition", transition))).get(0)).isInstanceOf(AlertAction.Open.class);
    }

    @Test
    void resolvesOnRecovery() {
        assertThat(mapper.map(json(with(TRIGGERED, "transition", "Recovered"))))
                .containsExactly(new AlertAction.Resolve("datadog:7077414567434410417", null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Muted", "", "$ALERT_TRANSITION"})
    void ignoresOtherTransitions(String transition) {
        AlertAction action = mapper.map(json(with(TRIGGERED, "transition", transition))).get(0);

        assertThat(action).isInstanceOf(AlertAction.Ignore.class);
        assertThat(((AlertAction.Ignore) action).reason()).contains("transition");
    }

    @Test
    void acceptsANotificationWithOnlyItsIdentityAndTransition() {
        AlertAction.Open open = (AlertAction.Open) mapper.map(json("{\"alert_id\":\"42\",\"transition\":\"Triggered\"}")).get(0);

        assertThat(open.key()).isEqualTo("datadog:42");
        assertThat(open.title()).isEqualTo("Datadog monitor 42");
        assertThat(open.severity()).isEqualTo(Severity.SEV3);
        assertThat(open.tags()).isEmpty();
        assertThat(open.metadata()).isEqualTo(Map.of("alert_id", "42", "transition", "Triggered"));
    }

    @Test
    void refusesANotificationWithoutAlertIdentity() {
        Map<String, List<String>> errors = catchThrowableOfType(ValidationFailedException.class,
                () -> mapper.map(json("{\"alert_id\":\"\",\"alert_cycle_key\":\"$ALERT_CYCLE_KEY\",\"transition\":\"Triggered\"}"))).errors();

        assertThat(errors).containsOnlyKeys("alert_id");
        assertThat(catchThrowableOfType(ValidationFailedException.class, () -> mapper.map(json("\"x\""))).errors())
                .containsOnlyKeys("body");
    }

    @Test
    void cleansTextThatCannotBeStoredButRefusesSuchKeys() {
        AlertAction.Open open = (AlertAction.Open) mapper.map(json(with(with(TRIGGERED, "title", "High\u0000CPU"),
                "tags", "env:pr\uD800od"))).get(0);

        assertThat(open.title()).isEqualTo("High\uFFFDCPU");
        assertThat(open.tags()).containsExactly("env:pr\uFFFDod");
        assertThat(open.metadata()).containsEntry("env", "pr\uFFFDod");
        for (String key : List.of("alert_cycle_key", "alert_id", "scope")) {
            assertThat(catchThrowableOfType(ValidationFailedException.class,
                    () -> mapper.map(json(with(TRIGGERED, key, "7077\u0000x")))).errors()).containsOnlyKeys(key);
        }
    }

    private String keyOf(String body) {
        return mapper.map(json(body)).get(0).key();
    }

    private static String with(String body, String field, String value) {
        ObjectNode node = (ObjectNode) json(body);
        node.put(field, value);
        return node.toString();
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
