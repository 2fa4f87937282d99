package com.sizemotion.incidents.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.sizemotion.incidents.app.support.ApiClient.Response;
import com.sizemotion.incidents.app.support.PostgresServiceTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code GET /api/v1/incidents}: every filter, cursor pages and team isolation, over HTTP. */
class IncidentSearchIT extends PostgresServiceTest {

    private long teamId;
    private String token;
    private final List<Long> ids = new ArrayList<>();

    @BeforeEach
    void incidents() {
        teamId = api.createTeam("search-" + UUID.randomUUID());
        token = api.createToken("{\"name\":\"search\",\"team_ids\":[%d],\"rate_limit_per_minute\":10000}".formatted(teamId));
        ids.add(create("{\"team_id\":%d,\"title\":\"Database connection timeout\",\"severity\":1,\"source\":\"datadog\",\"tags\":[\"db\",\"prod\"],\"external_id\":\"dd-1\"}"));
        ids.add(create("{\"team_id\":%d,\"title\":\"High CPU usage on web-01\",\"severity\":2,\"source\":\"prometheus\",\"tags\":[\"web\"],\"description\":\"load average above 20\"}"));
        ids.add(create("{\"team_id\":%d,\"title\":\"Disk almost full\",\"severity\":3,\"source\":\"datadog\",\"tags\":[\"prod\"]}"));
        ids.add(create("{\"team_id\":%d,\"title\":\"Certificate expires soon\",\"severity\":4,\"status\":\"resolved\"}"));
        ids.add(create("{\"team_id\":%d,\"title\":\"Replica lag\",\"severity\":2,\"status\":\"acknowledged\",\"tags\":[\"db\"]}"));
    }

    @Test
    void listsTheTeamsIncidentsNewestFirst() {
        assertThat(found("")).containsExactly(ids.get(4), ids.get(3), ids.get(2), ids.get(1), ids.get(0));
    }

    @Test
    void filtersByEachField() {
        assertThat(found("status=open")).containsExactlyInAnyOrder(ids.get(0), ids.get(1), ids.get(2));
        assertThat(found("status=resolved,acknowledged")).containsExactlyInAnyOrder(ids.get(3), ids.get(4));
        assertThat(found("severity=2")).containsExactlyInAnyOrder(ids.get(1), ids.get(4));
        assertThat(found("severity=Sev%201,4")).containsExactlyInAnyOrder(ids.get(0), ids.get(3));
        assertThat(found("source=datadog")).containsExactlyInAnyOrder(ids.get(0), ids.get(2));
        assertThat(found("tag=db")).containsExactlyInAnyOrder(ids.get(0), ids.get(4));
        assertThat(found("tag=prod&severity=3")).containsExactly(ids.get(2));
        assertThat(found("external_id=dd-1")).containsExactly(ids.get(0));
        assertThat(found("team_id=" + teamId)).hasSize(5);
        assertThat(found("q=" + URLEncoder.encode("connection", StandardCharsets.UTF_8))).containsExactly(ids.get(0));
        assertThat(found("q=load")).containsExactly(ids.get(1));
        assertThat(found("created_from=2000-01-01&created_to=2999-01-01")).hasSize(5);
        assertThat(found("created_to=2000-01-01")).isEmpty();
    }

    @Test
    void pagesThroughWithACursorWithoutGapsOrRepeats() {
        List<Long> seen = new ArrayList<>();
        String cursor = null;
        do {
            Response page = api.getAsToken("/api/v1/incidents?per_page=2" + (cursor == null ? "" : "&cursor=" + cursor), token);
            assertThat(page.status()).isEqualTo(200);
            page.data().forEach(incident -> seen.add(incident.get("id").asLong()));
            JsonNode meta = page.json().get("meta");
            assertThat(meta.get("per_page").asInt()).isEqualTo(2);
            cursor = meta.get("has_more").asBoolean() ? meta.get("next_cursor").asText() : null;
        } while (cursor != null);

        assertThat(seen).containsExactly(ids.get(4), ids.get(3), ids.get(2), ids.get(1), ids.get(0));
    }

    @Test
    void neverShowsOtherTeamsIncidents() {
        long otherTeam = api.createTeam("search-other-" + UUID.randomUUID());
        api.postAsAdmin("/api/v1/incidents", "{\"team_id\":%d,\"title\":\"Database connection timeout\",\"severity\":1}".formatted(otherTeam));

        assertThat(found("q=connection")).containsExactly(ids.get(0));
        assertThat(found("team_id=" + otherTeam)).isEmpty();
    }

    @Test
    void refusesUnknownFiltersAndOversizedPages() {
        Response response = api.getAsToken("/api/v1/incidents?stauts=open&per_page=1000&severity=9&created_from=yesterday", token);

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.json().get("errors").has("stauts")).isTrue();
        assertThat(response.json().get("errors").has("per_page")).isTrue();
        assertThat(response.json().get("errors").has("severity")).isTrue();
        assertThat(response.json().get("errors").has("created_from")).isTrue();
    }

    private List<Long> found(String query) {
        Response response = api.getAsToken("/api/v1/incidents?" + query, token);
        assertThat(response.status()).as(query).isEqualTo(200);
        List<Long> found = new ArrayList<>();
        response.data().forEach(incident -> found.add(incident.get("id").asLong()));
        return found;
    }

    private long create(String json) {
        return api.postAsToken("/api/v1/incidents", token, json.formatted(teamId)).data().get("id").asLong();
    }
}
