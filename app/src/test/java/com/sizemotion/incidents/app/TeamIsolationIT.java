package com.sizemotion.incidents.app;

import com.sizemotion.incidents.api.access.Caller;
import com.sizemotion.incidents.app.support.ApiClient.Response;
import com.sizemotion.incidents.app.support.PostgresServiceTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.MethodParameter;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.net.http.HttpRequest;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A token scoped to some teams can neither write for nor read from other teams, on every API
 * endpoint: each endpoint of the service must take the {@link Caller} (the one place where
 * isolation is decided) and must be listed in {@link #ISOLATION_TESTED} with a test below.
 * A new endpoint fails this class until it has both.
 */
class TeamIsolationIT extends PostgresServiceTest {

    private static final Set<String> ISOLATION_TESTED = Set.of(
            "POST /api/v1/incidents",
            "GET /api/v1/incidents/{id}",
            "POST /api/v1/incidents/{id}/acknowledge",
            "POST /api/v1/incidents/{id}/resolve",
            "POST /api/v1/incidents/{id}/reopen",
            "POST /api/v1/incidents/{id}/assign",
            "POST /api/v1/incidents/{id}/notes",
            "PATCH /api/v1/incidents/{id}",
            "GET /api/v1/incidents/{id}/history",
            "GET /api/v1/incidents",
            "GET /api/v1/reports/incidents",
            "GET /api/v1/oncall-schedules",
            "GET /api/v1/oncall-schedules/{scheduleId}",
            "GET /api/v1/oncall-schedules/{scheduleId}/oncall",
            "GET /api/v1/oncall-schedules/{scheduleId}/history",
            "POST /api/v1/integrations/alertmanager",
            "POST /api/v1/integrations/datadog",
            "POST /api/v1/integrations/pagerduty");

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    private RequestMappingHandlerMapping handlerMappings;

    private long ownTeam;
    private long otherTeam;
    private String scoped;
    private String unscoped;

    @BeforeEach
    void teamsAndTokens() {
        ownTeam = api.createTeam("own-" + UUID.randomUUID());
        otherTeam = api.createTeam("other-" + UUID.randomUUID());
        scoped = api.createToken("{\"name\":\"scoped\",\"team_ids\":[%d],\"rate_limit_per_minute\":1000}".formatted(ownTeam));
        unscoped = api.createToken("{\"name\":\"unscoped\",\"rate_limit_per_minute\":1000}");
    }

    @Test
    void everyTeamScopedEndpointTakesTheCaller() {
        assertThat(teamScopedEndpoints()).allSatisfy((endpoint, handler) ->
                assertThat(Arrays.stream(handler.getMethodParameters()).<Class<?>>map(MethodParameter::getParameterType))
                        .as("%s must take a Caller", endpoint).contains(Caller.class));
    }

    @Test
    void everyTeamScopedEndpointHasAnIsolationTest() {
        assertThat(teamScopedEndpoints().keySet()).containsExactlyInAnyOrderElementsOf(ISOLATION_TESTED);
    }

    @Test
    void aScopedTokenCannotCreateIncidentsForOtherTeams() {
        Response refused = createIncident(scoped, otherTeam);

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.raw().body())
                .isEqualTo("{\"success\":false,\"message\":\"This API token may not access team " + otherTeam + ".\"}");
        assertThat(DATABASE.count("SELECT count(*) FROM incident_lookup WHERE team_id = " + otherTeam)).isZero();
        assertThat(createIncident(scoped, ownTeam).status()).isEqualTo(201);
    }

    @Test
    void aScopedTokenCannotLearnWhichTeamsExist() {
        Response existing = createIncident(scoped, otherTeam);
        Response missing = createIncident(scoped, 999_999_999);

        assertThat(existing.status()).isEqualTo(403);
        assertThat(missing.status()).isEqualTo(403);
    }

    @Test
    void aScopedTokenCannotReadIncidentsOfOtherTeams() {
        long foreign = createIncident(unscoped, otherTeam).data().get("id").asLong();
        long own = createIncident(unscoped, ownTeam).data().get("id").asLong();

        Response hidden = api.getAsToken("/api/v1/incidents/" + foreign, scoped);
        Response missing = api.getAsToken("/api/v1/incidents/999999999", scoped);

        assertThat(hidden.status()).isEqualTo(404);
        assertThat(hidden.raw().body()).isEqualTo(missing.raw().body());
        assertThat(api.getAsToken("/api/v1/incidents/" + own, scoped).status()).isEqualTo(200);
        assertThat(api.getAsToken("/api/v1/incidents/" + foreign, unscoped).status()).isEqualTo(200);
    }

    @Test
    void aScopedTokenCannotChangeOrInspectIncidentsOfOtherTeams() {
        long foreign = createIncident(unscoped, otherTeam).data().get("id").asLong();
        long user = api.createUser("Someone", "someone." + UUID.randomUUID() + "@example.com");
        String missing = api.getAsToken("/api/v1/incidents/999999999", scoped).raw().body();

        Map<String, String> bodies = Map.of("acknowledge", "{}", "resolve", "{}", "reopen", "{}",
                "notes", "{\"body\":\"x\"}", "assign", "{\"user_id\":" + user + "}");
        bodies.forEach((action, body) -> {
            Response hidden = api.postAsToken("/api/v1/incidents/" + foreign + "/" + action, scoped, body);
            assertThat(hidden.status()).as(action).isEqualTo(404);
            assertThat(hidden.raw().body()).as(action).isEqualTo(missing);
        });
        Response patched = api.send(api.request("/api/v1/incidents/" + foreign).header("Authorization", "Bearer " + scoped)
                .header("Content-Type", "application/json").method("PATCH", HttpRequest.BodyPublishers.ofString("{\"title\":\"x\"}")));
        assertThat(patched.status()).isEqualTo(404);
        assertThat(api.getAsToken("/api/v1/incidents/" + foreign + "/history", scoped).raw().body()).isEqualTo(missing);
        assertThat(api.getAsToken("/api/v1/incidents/" + foreign + "?as_of=2030-01-01T00:00:00Z", scoped).raw().body()).isEqualTo(missing);
        assertThat(api.getAsToken("/api/v1/incidents/" + foreign + "/history", unscoped).status()).isEqualTo(200);
        assertThat(DATABASE.count("SELECT count(*) FROM domain_event_entry e JOIN incident_lookup l"
                + " ON l.incident_key = e.aggregate_identifier WHERE l.incident_id = " + foreign)).isEqualTo(1);
    }

    @Test
    void aScopedTokenSearchesAndReportsOnlyItsOwnTeams() {
        String title = "isolation-" + UUID.randomUUID();
        long own = api.postAsToken("/api/v1/incidents", unscoped, "{\"team_id\":%d,\"title\":\"%s\",\"severity\":2}"
                .formatted(ownTeam, title)).data().get("id").asLong();
        api.postAsToken("/api/v1/incidents", unscoped, "{\"team_id\":%d,\"title\":\"%s\",\"severity\":2}".formatted(otherTeam, title));

        Response found = api.getAsToken("/api/v1/incidents?q=" + title, scoped);
        Response otherTeamsOnly = api.getAsToken("/api/v1/incidents?team_id=" + otherTeam, scoped);
        Response report = api.getAsToken("/api/v1/reports/incidents?group_by=team", scoped);

        assertThat(found.data()).hasSize(1);
        assertThat(found.data().get(0).get("id").asLong()).isEqualTo(own);
        assertThat(otherTeamsOnly.data()).isEmpty();
        report.data().get("groups").forEach(group -> assertThat(group.get("group").asText()).isEqualTo(Long.toString(ownTeam)));
        assertThat(api.getAsToken("/api/v1/incidents?q=" + title, unscoped).data()).hasSize(2);
    }

    @Test
    void aScopedTokenCannotSeeSchedulesOfOtherTeams() {
        long user = api.createUser("On call", "oncall." + UUID.randomUUID() + "@example.com");
        api.addMember(otherTeam, user);
        long schedule = api.createSchedule("""
                {"team_id": %d, "name": "Other team", "time_zone": "UTC",
                 "layers": [{"name": "Primary", "user_ids": [%d], "shift_length": "P7D", "starts_at": "2026-01-05T09:00:00Z"}]}"""
                .formatted(otherTeam, user));

        Response list = api.getAsToken("/api/v1/oncall-schedules", scoped);
        list.data().forEach(s -> assertThat(s.get("id").asLong()).isNotEqualTo(schedule));
        for (String path : List.of("", "/oncall", "/history")) {
            Response hidden = api.getAsToken("/api/v1/oncall-schedules/" + schedule + path, scoped);
            Response missing = api.getAsToken("/api/v1/oncall-schedules/999999999" + path, scoped);
            assertThat(hidden.status()).as(path).isEqualTo(404);
            assertThat(hidden.raw().body()).as(path).isEqualTo(missing.raw().body());
            assertThat(api.getAsToken("/api/v1/oncall-schedules/" + schedule + path, unscoped).status()).as(path).isEqualTo(200);
        }
    }

    @Test
    void aScopedTokenCannotDeliverAlertsForOtherTeams() {
        Map<String, String> payloads = Map.of(
                "alertmanager", """
                        {"version": "4", "groupKey": "{}:{alertname=\\"HighCPU\\"}", "truncatedAlerts": 0, "status": "firing",
                         "receiver": "incidents", "groupLabels": {}, "commonLabels": {}, "commonAnnotations": {},
                         "externalURL": "http://alertmanager:9093",
                         "alerts": [{"status": "firing", "labels": {"alertname": "HighCPU", "severity": "critical"},
                                     "annotations": {"summary": "High CPU"}, "startsAt": "2026-11-26T10:00:00Z",
                                     "endsAt": "0001-01-01T00:00:00Z", "generatorURL": "http://prometheus:9090/graph",
                                     "fingerprint": "c1a4b6f5e2d3a7b8"}]}""",
                "datadog", """
                        {"alert_id": "1234567", "alert_cycle_key": "7077414567434410417", "title": "[P1] High CPU",
                         "event_title": "High CPU", "body": "CPU above 90%", "priority": "P1", "transition": "Triggered",
                         "alert_type": "error", "scope": "host:web-01", "link": "https://app.datadoghq.com/event/1",
                         "tags": "env:prod", "hostname": "web-01", "date": "1769603696000", "org": {"id": "1", "name": "Acme"}}""",
                "pagerduty", """
                        {"event": {"id": "01BZYV6S1Y4AJLQ7M4N2B5TKMN", "event_type": "incident.triggered", "resource_type": "incident",
                          "occurred_at": "2026-11-26T10:00:00Z", "agent": null, "client": null,
                          "data": {"id": "Q0RIJJZL24RC6W", "type": "incident", "self": "https://api.pagerduty.com/incidents/Q0RIJJZL24RC6W",
                                   "html_url": "https://acme.pagerduty.com/incidents/Q0RIJJZL24RC6W", "number": 2, "status": "triggered",
                                   "incident_key": "d3640fbd41094207a1c11e58e46b1662", "created_at": "2026-11-26T10:00:00Z",
                                   "title": "A little bump in the road", "urgency": "high", "priority": null}}}""");
        long events = DATABASE.count("SELECT count(*) FROM domain_event_entry");

        payloads.forEach((tool, payload) -> {
            Response refused = api.postAsToken("/api/v1/integrations/" + tool + "?team_id=" + otherTeam, scoped, payload);
            assertThat(refused.status()).as(tool).isEqualTo(403);
        });

        assertThat(DATABASE.count("SELECT count(*) FROM domain_event_entry")).isEqualTo(events);
    }

    /** Every handler of {@code /api/**} except the admin API, as "METHOD /pattern" ("ANY" for every method). */
    private Map<String, HandlerMethod> teamScopedEndpoints() {
        Map<String, HandlerMethod> endpoints = new TreeMap<>();
        handlerMappings.getHandlerMethods().forEach((info, handler) -> {
            Set<String> methods = info.getMethodsCondition().getMethods().stream().map(Enum::name).collect(Collectors.toSet());
            info.getPatternValues().stream()
                    .filter(pattern -> pattern.startsWith("/api/") && !pattern.startsWith("/api/v1/admin/"))
                    .forEach(pattern -> (methods.isEmpty() ? Set.of("ANY") : methods)
                            .forEach(method -> endpoints.put(method + " " + pattern, handler)));
        });
        return endpoints;
    }

    private Response createIncident(String token, long teamId) {
        return api.postAsToken("/api/v1/incidents", token,
                "{\"team_id\":%d,\"title\":\"t\",\"severity\":2}".formatted(teamId));
    }
}
