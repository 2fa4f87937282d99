package com.sizemotion.incidents.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.sizemotion.incidents.app.support.ApiClient.Response;
import com.sizemotion.incidents.app.support.MutableClock;
import com.sizemotion.incidents.app.support.PostgresServiceTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;

import java.net.http.HttpRequest;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Reports against expectations calculated by hand, with the service's clock set by the test. */
@Import(IncidentReportIT.FixedClock.class)
class IncidentReportIT extends PostgresServiceTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    @TestConfiguration
    static class FixedClock {
        @Bean
        @Primary
        MutableClock mutableClock() {
            return new MutableClock(T0);
        }
    }

    @Autowired
    private MutableClock clock;

    private long teamId;
    private String token;

    @BeforeEach
    void incidents() {
        teamId = api.createTeam("reports-" + UUID.randomUUID());
        token = api.createToken("{\"name\":\"reports\",\"team_ids\":[%d],\"rate_limit_per_minute\":10000}".formatted(teamId));
        long a = createAt(0, "{\"team_id\":%d,\"title\":\"A\",\"severity\":1,\"source\":\"datadog\"}");
        long b = createAt(100, "{\"team_id\":%d,\"title\":\"B\",\"severity\":1,\"source\":\"datadog\"}");
        long c = createAt(200, "{\"team_id\":%d,\"title\":\"C\",\"severity\":2,\"source\":\"prometheus\"}");
        long d = createAt(22 * 3600, "{\"team_id\":%d,\"title\":\"D\",\"severity\":3}");
        transitionAt(60, a, "acknowledge");
        transitionAt(600, a, "resolve");
        transitionAt(220, b, "acknowledge");
        transitionAt(1900, b, "resolve");
        transitionAt(500, c, "acknowledge");
        transitionAt(22 * 3600 + 3600, d, "resolve");
        clock.set(T0);
        api.postAsAdmin("/api/v1/incidents", "{\"team_id\":%d,\"title\":\"other team\",\"severity\":1}"
                .formatted(api.createTeam("reports-other-" + UUID.randomUUID())));
    }

    @Test
    void reportsCountsMttaAndMttrPerSeverity() {
        JsonNode report = report("group_by=severity").data();

        assertThat(report.get("group_by").asText()).isEqualTo("severity");
        JsonNode groups = report.get("groups");
        assertThat(groups).hasSize(3);
        assertGroup(groups.get(0), "Sev 1", 2, 2, 2);
        assertDurations(groups.get(0).get("mtta"), 90, 90, 114);
        assertDurations(groups.get(0).get("mttr"), 1200, 1200, 1680);
        assertGroup(groups.get(1), "Sev 2", 1, 1, 0);
        assertDurations(groups.get(1).get("mtta"), 300, 300, 300);
        assertThat(groups.get(1).get("mttr").get("mean").isNull()).isTrue();
        assertGroup(groups.get(2), "Sev 3", 1, 0, 1);
        assertThat(groups.get(2).get("mtta").get("p50").isNull()).isTrue();
        assertDurations(groups.get(2).get("mttr"), 3600, 3600, 3600);
    }

    @Test
    void groupsByDaySourceAndTeam() {
        JsonNode days = report("group_by=day").data().get("groups");
        JsonNode sources = report("group_by=source").data().get("groups");
        JsonNode teams = report("group_by=team").data().get("groups");

        assertGroup(days.get(0), "2026-03-01", 3, 3, 2);
        assertGroup(days.get(1), "2026-03-02", 1, 0, 1);
        assertGroup(sources.get(0), "", 1, 0, 1);
        assertGroup(sources.get(1), "datadog", 2, 2, 2);
        assertGroup(sources.get(2), "prometheus", 1, 1, 0);
        assertThat(teams).hasSize(1);
        assertGroup(teams.get(0), Long.toString(teamId), 4, 3, 3);
    }

    @Test
    void answersCsvWhenAskedFor() {
        Response csv = api.send(api.request("/api/v1/reports/incidents?from=2026-03-01&to=2026-03-03&group_by=severity")
                .header("Authorization", "Bearer " + token).header("Accept", "text/csv").GET());

        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.header("Content-Type")).startsWith("text/csv");
        assertThat(csv.raw().body()).isEqualTo("""
                group,count,acknowledged,resolved,mtta_mean,mtta_p50,mtta_p90,mttr_mean,mttr_p50,mttr_p90
                Sev 1,2,2,2,90.0,90.0,114.0,1200.0,1200.0,1680.0
                Sev 2,1,1,0,300.0,300.0,300.0,,,
                Sev 3,1,0,1,,,,3600.0,3600.0,3600.0
                """);
    }

    @Test
    void refusesAnUnknownGrouping() {
        Response response = api.getAsToken("/api/v1/reports/incidents?group_by=colour", token);

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.json().get("errors").has("group_by")).isTrue();
    }

    private Response report(String query) {
        Response response = api.getAsToken("/api/v1/reports/incidents?from=2026-03-01&to=2026-03-03&" + query, token);
        assertThat(response.status()).isEqualTo(200);
        return response;
    }

    private long createAt(long secondsAfterT0, String json) {
        clock.set(T0.plusSeconds(secondsAfterT0));
        return api.postAsToken("/api/v1/incidents", token, json.formatted(teamId)).data().get("id").asLong();
    }

    private void transitionAt(long secondsAfterT0, long id, String action) {
        clock.set(T0.plusSeconds(secondsAfterT0));
        Response response = api.send(api.request("/api/v1/incidents/" + id + "/" + action)
                .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(response.status()).isEqualTo(200);
    }

    private static void assertGroup(JsonNode group, String key, long count, long acknowledged, long resolved) {
        assertThat(group.get("group").asText()).isEqualTo(key);
        assertThat(group.get("count").asLong()).as("count of %s", key).isEqualTo(count);
        assertThat(group.get("acknowledged").asLong()).as("acknowledged of %s", key).isEqualTo(acknowledged);
        assertThat(group.get("resolved").asLong()).as("resolved of %s", key).isEqualTo(resolved);
    }

    private static void assertDurations(JsonNode durations, double mean, double p50, double p90) {
        assertThat(durations.get("mean").asDouble()).isEqualTo(mean);
        assertThat(durations.get("p50").asDouble()).isEqualTo(p50);
        assertThat(durations.get("p90").asDouble()).isEqualTo(p90);
    }
}
