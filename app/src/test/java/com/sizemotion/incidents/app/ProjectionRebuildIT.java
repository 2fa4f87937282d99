package com.sizemotion.incidents.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.sizemotion.incidents.app.support.ApiClient.Response;
import com.sizemotion.incidents.app.support.PostgresServiceTest;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Rebuilding the incident read model from the event store while it keeps serving and receiving writes. */
class ProjectionRebuildIT extends PostgresServiceTest {

    private static final String PROJECTION = "incident-projection";

    private long teamId;
    private String token;

    @Test
    void rebuiltReadModelEqualsTheLiveOneIncludingWritesDuringTheRebuild() throws Exception {
        teamId = api.createTeam("rebuild-" + UUID.randomUUID());
        token = api.createToken("{\"name\":\"rebuild\",\"rate_limit_per_minute\":1000000}");
        List<Long> ids = createAndChange(1200, ConcurrentHashMap.newKeySet());
        awaitCaughtUp();
        Map<Long, String> before = rows();
        long eventsBefore = DATABASE.count("SELECT count(*) FROM domain_event_entry");

        Response started = api.postAsAdmin("/api/v1/admin/projections/" + PROJECTION + "/rebuild", "{}");
        assertThat(started.status()).isEqualTo(202);
        Set<Long> touchedDuringRebuild = ConcurrentHashMap.newKeySet();
        List<Long> createdDuringRebuild = createAndChange(300, touchedDuringRebuild);
        touchedDuringRebuild.addAll(createdDuringRebuild);
        for (int i = 0; i < 200; i++) {
            long id = ids.get((i * 3) % ids.size());
            touchedDuringRebuild.add(id);
            post(id, i % 2 == 0 ? "acknowledge" : "resolve");
        }
        JsonNode rebuild = awaitRebuildDone();
        awaitCaughtUp();
        Map<Long, String> afterRebuild = rows();

        assertThat(rebuild.get("status").asText()).isEqualTo("done");
        assertThat(rebuild.get("replayed_events").asLong()).isGreaterThanOrEqualTo(eventsBefore);
        assertThat(afterRebuild.keySet()).containsAll(before.keySet()).containsAll(createdDuringRebuild);
        before.forEach((id, row) -> {
            if (!touchedDuringRebuild.contains(id)) {
                assertThat(afterRebuild.get(id)).as("incident %d untouched during the rebuild", id).isEqualTo(row);
            }
        });

        assertThat(api.postAsAdmin("/api/v1/admin/projections/" + PROJECTION + "/rebuild", "{}").status()).isEqualTo(202);
        awaitRebuildDone();
        awaitCaughtUp();
        assertThat(rows()).as("a second rebuild without concurrent writes").isEqualTo(afterRebuild);
    }

    @Test
    void listsProcessorsAndRefusesToRebuildWhatIsNotAReadModel() {
        JsonNode processors = api.getAsAdmin("/api/v1/admin/projections").data();
        List<String> names = new ArrayList<>();
        processors.forEach(p -> names.add(p.get("name").asText()));

        assertThat(names).contains(PROJECTION, "incident-lookup");
        JsonNode projection = find(processors, PROJECTION);
        assertThat(projection.get("mode").asText()).isEqualTo("streaming");
        assertThat(projection.has("position")).isTrue();
        assertThat(projection.has("lag")).isTrue();
        assertThat(projection.has("caught_up")).isTrue();
        assertThat(api.postAsAdmin("/api/v1/admin/projections/incident-lookup/rebuild", "{}").status()).isEqualTo(409);
        assertThat(api.postAsAdmin("/api/v1/admin/projections/no-such-thing/rebuild", "{}").status()).isEqualTo(404);
    }

    private List<Long> createAndChange(int count, Set<Long> touched) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(12);
        try {
            List<Future<Long>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int n = i;
                futures.add(pool.submit(() -> {
                    String externalId = "rebuild-" + (n % (count / 2));
                    Response response = api.postAsToken("/api/v1/incidents", token,
                            "{\"team_id\":%d,\"title\":\"Incident %d\",\"severity\":%d,\"external_id\":\"%s-%s\",\"tags\":[\"t%d\"]}"
                                    .formatted(teamId, n, 1 + n % 4, externalId, token.substring(4, 12), n % 5));
                    long id = response.data().get("id").asLong();
                    if (n % 7 == 0) {
                        post(id, "acknowledge");
                        touched.add(id);
                    }
                    return id;
                }));
            }
            List<Long> ids = new ArrayList<>();
            for (Future<Long> future : futures) {
                ids.add(future.get(2, TimeUnit.MINUTES));
            }
            return ids.stream().distinct().toList();
        } finally {
            pool.shutdownNow();
        }
    }

    private void post(long id, String action) {
        api.send(api.request("/api/v1/incidents/" + id + "/" + action).header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.noBody()));
    }

    private void awaitCaughtUp() throws InterruptedException {
        for (int i = 0; i < 300; i++) {
            if (find(api.getAsAdmin("/api/v1/admin/projections").data(), PROJECTION).get("caught_up").asBoolean()) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the incident projection did not catch up within a minute");
    }

    private JsonNode awaitRebuildDone() throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            JsonNode rebuild = find(api.getAsAdmin("/api/v1/admin/projections").data(), PROJECTION).get("rebuild");
            if (!rebuild.isNull() && !"running".equals(rebuild.get("status").asText())) {
                return rebuild;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the rebuild did not finish within two minutes");
    }

    private static JsonNode find(JsonNode processors, String name) {
        for (JsonNode processor : processors) {
            if (processor.get("name").asText().equals(name)) {
                return processor;
            }
        }
        throw new AssertionError("no processor " + name + " in " + processors);
    }

    /** Every row of the read model as text, by incident id. */
    private static Map<Long, String> rows() throws Exception {
        Map<Long, String> rows = new LinkedHashMap<>();
        try (Connection connection = DATABASE.connect(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT id, row(v.*)::text FROM incident_view v ORDER BY id")) {
            while (rs.next()) {
                rows.put(rs.getLong(1), rs.getString(2));
            }
        }
        return rows;
    }
}
