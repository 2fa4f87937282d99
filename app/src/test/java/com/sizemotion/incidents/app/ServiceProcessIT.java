package com.sizemotion.incidents.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.sizemotion.incidents.app.support.ApiClient;
import com.sizemotion.incidents.app.support.ApiClient.Response;
import com.sizemotion.incidents.app.support.ServiceProcess;
import com.sizemotion.incidents.app.support.ServiceProcessTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/** The packaged service as operating-system processes on one PostgreSQL database: several nodes, restarts, kill -9. */
class ServiceProcessIT extends ServiceProcessTest {

    private static final String ADMIN_PASSWORD = "process-it-admin";

    @Test
    void twoNodesOnOneDatabaseOpenOneIncidentForSimultaneousAlerts() throws Exception {
        try (ServiceProcess first = ServiceProcess.start(ServiceProcess.postgres(database, ADMIN_PASSWORD), workingDirectory);
             ServiceProcess second = ServiceProcess.start(ServiceProcess.postgres(database, ADMIN_PASSWORD), workingDirectory)) {
            ApiClient one = new ApiClient(first.baseUrl(), ADMIN_PASSWORD);
            ApiClient two = new ApiClient(second.baseUrl(), ADMIN_PASSWORD);
            long teamId = one.createTeam("nodes");
            String token = one.createToken("{\"name\":\"nodes\",\"rate_limit_per_minute\":100000}");

            for (int round = 0; round < 5; round++) {
                String body = "{\"team_id\":%d,\"title\":\"t\",\"severity\":2,\"external_id\":\"round-%d\"}".formatted(teamId, round);
                AtomicInteger turn = new AtomicInteger();
                List<Response> responses = ConcurrentCreateIT.all(50, () ->
                        (turn.incrementAndGet() % 2 == 0 ? one : two).postAsToken("/api/v1/incidents", token, body));

                assertThat(responses).extracting(Response::status).containsOnly(200, 201);
                assertThat(responses).filteredOn(r -> r.status() == 201).hasSize(1);
                assertThat(responses).extracting(r -> r.data().get("id").asLong()).containsOnly(responses.get(0).data().get("id").asLong());
            }
            assertThat(database.count("SELECT count(*) FROM incident_lookup")).isEqualTo(5);
            assertThat(database.count("SELECT count(*) FROM domain_event_entry WHERE sequence_number = 0")).isEqualTo(5);

            long incident = one.postAsToken("/api/v1/incidents", token,
                    "{\"team_id\":%d,\"title\":\"t\",\"severity\":2,\"external_id\":\"round-0\"}".formatted(teamId))
                    .data().get("id").asLong();
            AtomicInteger node = new AtomicInteger();
            List<Response> acknowledgements = ConcurrentCreateIT.all(20, () -> (node.incrementAndGet() % 2 == 0 ? one : two)
                    .postAsToken("/api/v1/incidents/" + incident + "/acknowledge", token, "{}"));
            assertThat(acknowledgements).extracting(Response::status).containsOnly(200);
            assertThat(database.count("SELECT count(*) FROM domain_event_entry WHERE payload_type LIKE '%IncidentAcknowledgedEvent'"))
                    .isEqualTo(1);
        }
    }

    @Test
    void twoNodesShareATokensRateLimit() throws Exception {
        try (ServiceProcess first = ServiceProcess.start(ServiceProcess.postgres(database, ADMIN_PASSWORD), workingDirectory);
             ServiceProcess second = ServiceProcess.start(ServiceProcess.postgres(database, ADMIN_PASSWORD), workingDirectory)) {
            ApiClient one = new ApiClient(first.baseUrl(), ADMIN_PASSWORD);
            ApiClient two = new ApiClient(second.baseUrl(), ADMIN_PASSWORD);
            String token = one.createToken("{\"name\":\"shared bucket\",\"rate_limit_per_minute\":10}");

            List<Integer> statuses = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                statuses.add((i % 2 == 0 ? one : two).getAsToken("/api/v1/incidents/1", token).status());
            }

            assertThat(statuses.stream().filter(s -> s != 429)).hasSize(10);
            assertThat(statuses.subList(10, 20)).containsOnly(429);
        }
    }

    @Test
    void tokenChangesAndRevocationsReachEveryNodeWithinASecond() throws Exception {
        try (ServiceProcess first = ServiceProcess.start(ServiceProcess.postgres(database, ADMIN_PASSWORD), workingDirectory);
             ServiceProcess second = ServiceProcess.start(ServiceProcess.postgres(database, ADMIN_PASSWORD), workingDirectory)) {
            ApiClient one = new ApiClient(first.baseUrl(), ADMIN_PASSWORD);
            ApiClient two = new ApiClient(second.baseUrl(), ADMIN_PASSWORD);
            long teamA = one.createTeam("a");
            long teamB = one.createTeam("b");
            JsonNode created = one.createdToken("{\"name\":\"roaming\",\"team_ids\":[%d],\"rate_limit_per_minute\":1000}".formatted(teamA));
            String token = created.get("token").asText();
            String path = "/api/v1/admin/api-tokens/" + created.get("id").asLong();
            assertThat(createIncident(two, token, teamA).header("X-RateLimit-Limit")).isEqualTo("1000");

            one.patchAsAdmin(path, "{\"team_ids\":[%d],\"rate_limit_per_minute\":500}".formatted(teamB));
            Thread.sleep(1000);

            assertThat(createIncident(two, token, teamA).status()).isEqualTo(403);
            Response forB = createIncident(two, token, teamB);
            assertThat(forB.status()).isEqualTo(201);
            assertThat(forB.header("X-RateLimit-Limit")).isEqualTo("500");

            one.deleteAsAdmin(path);
            Thread.sleep(1000);

            assertThat(createIncident(two, token, teamB).status()).isEqualTo(401);
        }
    }

    private static Response createIncident(ApiClient node, String token, long teamId) {
        return node.postAsToken("/api/v1/incidents", token, "{\"team_id\":%d,\"title\":\"t\",\"severity\":3}".formatted(teamId));
    }

    /** The value once it equals {@code expected}, or the last one seen after 30 s: after a crash the projection resumes once the dead node's claim expires. */
    private static int eventually(IntSupplier value, int expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        int seen = value.getAsInt();
        while (seen != expected && System.nanoTime() < deadline) {
            Thread.sleep(200);
            seen = value.getAsInt();
        }
        return seen;
    }

    @Test
    void losesNothingThatWasAnsweredWhenTheProcessIsKilled() throws Exception {
        long teamId;
        String token;
        List<Long> ids = new ArrayList<>();
        String externalId = "kill-" + UUID.randomUUID();
        ServiceProcess node = ServiceProcess.start(ServiceProcess.postgres(database, ADMIN_PASSWORD), workingDirectory);
        ApiClient api = new ApiClient(node.baseUrl(), ADMIN_PASSWORD);
        teamId = api.createTeam("kill");
        token = api.createToken("{\"name\":\"kill\",\"rate_limit_per_minute\":100000}");
        for (int i = 0; i < 30; i++) {
            Response response = api.postAsToken("/api/v1/incidents", token,
                    "{\"team_id\":%d,\"title\":\"before kill %d\",\"severity\":3}".formatted(teamId, i));
            assertThat(response.status()).isEqualTo(201);
            ids.add(response.data().get("id").asLong());
        }
        long deduplicated = api.postAsToken("/api/v1/incidents", token,
                "{\"team_id\":%d,\"title\":\"t\",\"severity\":3,\"external_id\":\"%s\"}".formatted(teamId, externalId)).data().get("id").asLong();
        node.kill();

        try (ServiceProcess restarted = ServiceProcess.start(ServiceProcess.postgres(database, ADMIN_PASSWORD), workingDirectory)) {
            ApiClient after = new ApiClient(restarted.baseUrl(), ADMIN_PASSWORD);
            for (int i = 0; i < ids.size(); i++) {
                Response read = after.getAsToken("/api/v1/incidents/" + ids.get(i), token);
                assertThat(read.status()).isEqualTo(200);
                assertThat(read.data().get("title").asText()).isEqualTo("before kill " + i);
            }
            Response repeat = after.postAsToken("/api/v1/incidents", token,
                    "{\"team_id\":%d,\"title\":\"t\",\"severity\":3,\"external_id\":\"%s\"}".formatted(teamId, externalId));
            assertThat(repeat.status()).isEqualTo(200);
            assertThat(repeat.data().get("id").asLong()).isEqualTo(deduplicated);
            assertThat(repeat.data().get("occurrences").asInt()).isEqualTo(2);
            assertThat(eventually(() -> after.getAsToken("/api/v1/incidents/" + deduplicated, token)
                    .data().get("occurrences").asInt(), 2)).isEqualTo(2);
        }
    }
}
