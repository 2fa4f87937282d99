package com.sizemotion.incidents.app;

import com.sizemotion.incidents.app.support.ApiClient.Response;
import com.sizemotion.incidents.app.support.PostgresServiceTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** Simultaneous identical alerts open exactly one incident. */
class ConcurrentCreateIT extends PostgresServiceTest {

    private static final int REQUESTS = 50;

    @Test
    void fiftySimultaneousIdenticalCreatesYieldOneIncident() throws Exception {
        long teamId = api.createTeam("concurrency-" + UUID.randomUUID());
        String token = api.createToken("{\"name\":\"load\",\"rate_limit_per_minute\":100000}");
        String externalId = "alert-" + UUID.randomUUID();
        String body = "{\"team_id\":%d,\"title\":\"Disk full\",\"severity\":2,\"external_id\":\"%s\"}".formatted(teamId, externalId);

        List<Response> responses = all(REQUESTS, () -> api.postAsToken("/api/v1/incidents", token, body));

        assertThat(responses).extracting(Response::status).containsOnly(200, 201);
        assertThat(responses).filteredOn(r -> r.status() == 201).hasSize(1);
        assertThat(responses).extracting(r -> r.data().get("id").asLong()).containsOnly(responses.get(0).data().get("id").asLong());
        assertThat(DATABASE.count("SELECT count(*) FROM incident_view WHERE external_id = '" + externalId + "'")).isEqualTo(1);
        assertThat(DATABASE.count("""
                SELECT count(DISTINCT aggregate_identifier) FROM domain_event_entry
                WHERE payload_type LIKE '%IncidentCreatedEvent' AND aggregate_identifier IN
                    (SELECT incident_key FROM incident_lookup WHERE external_id = '""" + externalId + "')")).isEqualTo(1);
        assertThat(api.getAsToken("/api/v1/incidents/" + responses.get(0).data().get("id").asLong(), token)
                .data().get("occurrences").asInt()).isEqualTo(REQUESTS);
    }

    /** On one node the identical alerts take turns: the burst draws one id, so the next incident's id follows it. */
    @Test
    void aBurstOfIdenticalAlertsOnOneNodeDrawsOneId() throws Exception {
        long teamId = api.createTeam("burst-" + UUID.randomUUID());
        String token = api.createToken("{\"name\":\"burst\",\"rate_limit_per_minute\":100000}");
        String body = "{\"team_id\":%d,\"title\":\"Disk full\",\"severity\":2,\"external_id\":\"%s\"}"
                .formatted(teamId, "alert-" + UUID.randomUUID());

        long burst = all(REQUESTS, () -> api.postAsToken("/api/v1/incidents", token, body)).get(0).data().get("id").asLong();
        long next = api.postAsToken("/api/v1/incidents", token,
                "{\"team_id\":%d,\"title\":\"Disk full\",\"severity\":2}".formatted(teamId)).data().get("id").asLong();

        assertThat(next).isEqualTo(burst + 1);
    }

    static <T> List<T> all(int count, Callable<T> request) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(count);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return request.call();
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
