package com.sizemotion.incidents.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.sizemotion.incidents.app.support.ApiClient;
import com.sizemotion.incidents.app.support.ServiceProcess;
import com.sizemotion.incidents.app.support.ServiceProcessTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A rebuild on one node while another node keeps writing: the events the writing node's
 * projection applied just before the swap must be in the rebuilt table, although the rebuilding
 * node's own event stream (the embedded event store's shared cache, which its other processors
 * keep filling) fetches them up to a second later.
 */
class ProjectionRebuildAcrossNodesIT extends ServiceProcessTest {

    private static final String ADMIN_PASSWORD = "rebuild-nodes-admin";
    private static final String REBUILD = "/api/v1/admin/projections/incident-projection/rebuild";
    /**
     * The rebuilding node projects nothing itself, so the writing node owns every segment of the
     * projection; it owns the segments of the assignment processor, which keep its event store's
     * cache in use.
     */
    private static final String PROJECTS_NOTHING = """
            {"axon":{"eventhandling":{"processors":{"incident-projection":{"mode":"subscribing","source":"eventBus"}}}}}""";

    /** Incidents whose row is missing or not at the version of their last event. */
    private static final String BEHIND_THEIR_EVENTS = """
            SELECT count(*) FROM incident_lookup l
            JOIN (SELECT aggregate_identifier, max(sequence_number) AS version FROM domain_event_entry
                  GROUP BY aggregate_identifier) e ON e.aggregate_identifier = l.incident_key
            LEFT JOIN incident_view v ON v.id = l.incident_id
            WHERE v.version IS DISTINCT FROM e.version""";

    @Test
    void rebuildOnOneNodeKeepsWhatAnotherNodeProjectedJustBeforeTheSwap() throws Exception {
        Map<String, String> rebuildingNode = new HashMap<>(ServiceProcess.postgres(database, ADMIN_PASSWORD));
        rebuildingNode.put("SPRING_APPLICATION_JSON", PROJECTS_NOTHING);
        try (ServiceProcess rebuilding = ServiceProcess.start(rebuildingNode, workingDirectory);
             ServiceProcess writing = ServiceProcess.start(ServiceProcess.postgres(database, ADMIN_PASSWORD), workingDirectory)) {
            ApiClient writer = new ApiClient(writing.baseUrl(), ADMIN_PASSWORD);
            ApiClient rebuilder = new ApiClient(rebuilding.baseUrl(), ADMIN_PASSWORD);
            long teamId = writer.createTeam("rebuild-nodes");
            String token = writer.createToken("{\"name\":\"rebuild nodes\",\"rate_limit_per_minute\":1000000}");

            AtomicBoolean keepWriting = new AtomicBoolean(true);
            AtomicInteger created = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<?>> writers = new ArrayList<>();
                for (int thread = 0; thread < 4; thread++) {
                    writers.add(pool.submit(() -> {
                        while (keepWriting.get()) {
                            int n = created.incrementAndGet();
                            long id = writer.postAsToken("/api/v1/incidents", token,
                                    "{\"team_id\":%d,\"title\":\"during rebuild %d\",\"severity\":3}".formatted(teamId, n))
                                    .data().get("id").asLong();
                            if (n % 3 == 0) {
                                writer.postAsToken("/api/v1/incidents/" + id + "/acknowledge", token, "{}");
                            }
                        }
                        return null;
                    }));
                }
                await().atMost(Duration.ofSeconds(30)).until(() -> created.get() > 200);
                for (int rebuild = 0; rebuild < 3; rebuild++) {
                    assertThat(rebuilder.postAsAdmin(REBUILD, "{}").status()).isEqualTo(202);
                    JsonNode finished = await().atMost(Duration.ofMinutes(1)).until(() -> lastRebuild(rebuilder),
                            r -> !"running".equals(r.get("status").asText()));
                    assertThat(finished.get("status").asText()).isEqualTo("done");
                }
                keepWriting.set(false);
                for (Future<?> future : writers) {
                    future.get();
                }
            } finally {
                pool.shutdownNow();
            }

            assertThat(created.get()).isGreaterThan(200);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(database.count(BEHIND_THEIR_EVENTS)).as("incidents the read model lost").isZero());
        }
    }

    private static JsonNode lastRebuild(ApiClient api) {
        for (JsonNode processor : api.getAsAdmin("/api/v1/admin/projections").data()) {
            if (processor.get("name").asText().equals("incident-projection")) {
                return processor.get("rebuild");
            }
        }
        throw new AssertionError("no incident-projection");
    }
}
