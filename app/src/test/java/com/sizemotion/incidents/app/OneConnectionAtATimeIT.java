package com.sizemotion.incidents.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.sizemotion.incidents.app.support.ApiClient;
import com.sizemotion.incidents.app.support.ConnectionDiscipline;
import com.sizemotion.incidents.app.support.DatabaseProxy;
import com.sizemotion.incidents.app.support.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;

import static com.sizemotion.incidents.app.support.ReadModel.awaitIncident;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * No code path holds a database connection while it asks the pool for another: with a pool of two
 * connections, fifty simultaneous requests of ten team-scoped tokens are served before and after a
 * database blip, and no request or event processor is ever seen asking for a second connection.
 */
@SpringBootTest(classes = IncidentServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(OneConnectionAtATimeIT.Watched.class)
@DirtiesContext
class OneConnectionAtATimeIT {

    private static final String ADMIN_PASSWORD = "it-admin-password";
    private static final TestDatabase DATABASE = TestDatabase.create();
    private static final DatabaseProxy PROXY = TestDatabase.proxy();
    private static final int TOKENS = 10;
    private static final int REQUESTS = 50;

    @DynamicPropertySource
    static void postgresBehindTheProxyWithAPoolOfTwo(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> DATABASE.url(PROXY));
        registry.add("spring.datasource.username", () -> TestDatabase.USER);
        registry.add("spring.datasource.password", () -> TestDatabase.PASSWORD);
        registry.add("spring.datasource.hikari.maximum-pool-size", () -> 2);
        registry.add("incidents.admin.password", () -> ADMIN_PASSWORD);
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class Watched {

        @Bean
        static ConnectionDiscipline connectionDiscipline() {
            return new ConnectionDiscipline();
        }
    }

    @Autowired
    private ConnectionDiscipline discipline;

    @LocalServerPort
    private int port;

    private ApiClient api;
    private long teamId;

    @BeforeEach
    void team() {
        api = new ApiClient("http://127.0.0.1:" + port, ADMIN_PASSWORD);
        teamId = api.createTeam("pool-" + UUID.randomUUID());
    }

    @Test
    void aPoolOfTwoServesFiftySimultaneousRequestsOfScopedTokensAfterADatabaseBlip() {
        List<String> tokens = IntStream.range(0, TOKENS).mapToObj(i -> api.createToken(
                "{\"name\":\"scoped %d\",\"team_ids\":[%d],\"rate_limit_per_minute\":1000}".formatted(i, teamId))).toList();
        discipline.watch();
        assertThat(burst(tokens)).as("answers before the blip").containsOnly(200);

        PROXY.cut();
        await().atMost(Duration.ofSeconds(30)).until(() -> api.getAsAdmin("/api/v1/admin/api-tokens").status() == 503);
        PROXY.restore();
        await().atMost(Duration.ofSeconds(30)).until(() -> api.getAsAdmin("/api/v1/admin/api-tokens").status() == 200);

        assertThat(burst(tokens)).as("answers after the blip").containsOnly(200);
        assertThat(discipline.violations()).isEmpty();
    }

    @Test
    void noRequestOrEventProcessorAsksForASecondConnectionWhileHoldingOne() {
        String token = api.createToken("{\"name\":\"everything\",\"team_ids\":[%d],\"rate_limit_per_minute\":1000}".formatted(teamId));
        long user = api.createUser("Jo On-Call", "jo." + UUID.randomUUID() + "@example.com");
        api.addMember(teamId, user);
        long schedule = api.createSchedule("""
                {"team_id": %d, "name": "Primary", "time_zone": "UTC",
                 "layers": [{"name": "Primary", "user_ids": [%d], "shift_length": "P7D", "starts_at": "%s"}]}"""
                .formatted(teamId, user, Instant.now().minus(Duration.ofDays(1))));
        discipline.watch();

        ApiClient.Response created = api.postAsToken("/api/v1/incidents", token, """
                {"team_id": %d, "title": "Disk full", "severity": 1, "external_id": "disk-%s",
                 "assign_to_oncall": true, "oncall_schedule_id": %d}""".formatted(teamId, UUID.randomUUID(), schedule));
        assertThat(created.status()).isEqualTo(201);
        long id = created.data().get("id").asLong();
        awaitIncident(api, token, id, incident -> incident.get("assigned_to").isObject());
        assertThat(api.postAsToken("/api/v1/incidents/" + id + "/acknowledge", token, "{}").status()).isEqualTo(200);
        assertThat(api.postAsToken("/api/v1/incidents/" + id + "/resolve", token, "{}").status()).isEqualTo(200);
        String fingerprint = UUID.randomUUID().toString();
        ApiClient.Response alert = api.postAsToken("/api/v1/integrations/alertmanager?team_id=" + teamId, token,
                AlertmanagerIntegrationIT.group("firing", AlertmanagerIntegrationIT.alert("firing", fingerprint, "critical", "db-01")));
        assertThat(alert.status()).isEqualTo(200);
        awaitIncident(api, token, alert.data().get("alerts").get(0).get("incident_id").asLong());
        assertThat(api.getAsToken("/api/v1/incidents?team_id=" + teamId, token).status()).isEqualTo(200);
        assertThat(api.getAsToken("/api/v1/incidents/" + id + "/history", token).status()).isEqualTo(200);
        assertThat(api.getAsToken("/api/v1/reports/incidents?from=%s&to=%s"
                .formatted(LocalDate.now(ZoneOffset.UTC).minusDays(1), LocalDate.now(ZoneOffset.UTC).plusDays(1)), token).status()).isEqualTo(200);
        JsonNode tokens = api.getAsAdmin("/api/v1/admin/api-tokens").data();
        assertThat(api.patchAsAdmin("/api/v1/admin/api-tokens/" + tokens.get(0).get("id").asLong(),
                "{\"rate_limit_per_minute\":999}").status()).isEqualTo(200);
        assertThat(api.send(api.request("/actuator/health").GET()).status()).isEqualTo(200);

        assertThat(discipline.violations()).isEmpty();
    }

    /** {@value #REQUESTS} requests at once, spread over the tokens: their statuses. */
    private List<Integer> burst(List<String> tokens) {
        ExecutorService clients = Executors.newFixedThreadPool(REQUESTS);
        try {
            List<CompletableFuture<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < REQUESTS; i++) {
                String token = tokens.get(i % tokens.size());
                answers.add(CompletableFuture.supplyAsync(
                        () -> api.getAsToken("/api/v1/incidents?team_id=" + teamId, token).status(), clients));
            }
            return answers.stream().map(CompletableFuture::join).toList();
        } finally {
            clients.shutdown();
        }
    }
}
