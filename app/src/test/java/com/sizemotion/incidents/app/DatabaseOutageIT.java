package com.sizemotion.incidents.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.sizemotion.incidents.app.support.ApiClient;
import com.sizemotion.incidents.app.support.DatabaseProxy;
import com.sizemotion.incidents.app.support.ServiceProcess;
import com.sizemotion.incidents.app.support.ServiceProcessTest;
import com.sizemotion.incidents.app.support.TestDatabase;
import com.sizemotion.incidents.app.web.DatabaseUnavailable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The database goes away under load and comes back, through a {@link DatabaseProxy} (the shared
 * server is never touched): meanwhile every answer is the 503 envelope with Retry-After and health
 * says DOWN; once it is back the service answers 2xx again within five seconds, without a restart,
 * and every incident it acknowledged is there. The service runs as the packaged jar, as in
 * production (in this JVM, with assertions on, pgjdbc turns a batch on a killed connection into an
 * AssertionError: pgjdbc#1458).
 */
class DatabaseOutageIT extends ServiceProcessTest {

    private static final String ADMIN_PASSWORD = "it-admin-password";
    private static final Duration RECOVERY = Duration.ofSeconds(5);
    private static final Duration PATIENCE = Duration.ofSeconds(90);

    private enum Kind { CREATE, ALERT, SEARCH, ADMIN, HEALTH }

    /** One answer of the journal, with {@link System#nanoTime()} times. */
    private record Answer(Kind kind, long startedAt, long endedAt, int status, String contentType, String retryAfter,
                          String body, Long incidentId) {

        boolean succeeded() {
            return status == 200 || status == 201;
        }

        boolean within(long from, long to) {
            return startedAt > from && endedAt < to;
        }
    }

    private DatabaseProxy proxy;
    private ServiceProcess service;
    private ApiClient api;
    private long teamId;
    private String token;

    @BeforeEach
    void serviceBehindTheProxy() {
        proxy = TestDatabase.proxy();
        Map<String, String> environment = new HashMap<>(ServiceProcess.postgres(database, ADMIN_PASSWORD));
        environment.put("SPRING_DATASOURCE_URL", database.url(proxy));
        service = ServiceProcess.start(environment, workingDirectory);
        api = new ApiClient(service.baseUrl(), ADMIN_PASSWORD);
        teamId = api.createTeam("outage-" + UUID.randomUUID());
        token = api.createToken("{\"name\":\"outage\",\"team_ids\":[%d],\"rate_limit_per_minute\":1000000}".formatted(teamId));
    }

    @AfterEach
    void stop() throws InterruptedException {
        service.close();
        proxy.close();
    }

    @ParameterizedTest(name = "{0} requests in flight")
    @ValueSource(ints = {16, 64, 128})
    void answers503WhileTheDatabaseIsDownAndRecoversWithinFiveSeconds(int inFlight) {
        ConcurrentLinkedQueue<Answer> journal = new ConcurrentLinkedQueue<>();
        long cutAt;
        long restoredAt;
        try (Load load = new Load(inFlight, journal)) {
            await().atMost(PATIENCE).until(() -> count(journal, Answer::succeeded) >= inFlight);

            proxy.cut();
            cutAt = System.nanoTime();
            await().atMost(PATIENCE).until(() -> count(journal, answer -> answer.startedAt() > cutAt) >= 2L * inFlight
                    && count(journal, answer -> answer.kind() == Kind.HEALTH && answer.startedAt() > cutAt) > 0);

            proxy.restore();
            restoredAt = System.nanoTime();
            await().atMost(PATIENCE).until(() -> count(journal, answer -> answer.succeeded() && answer.startedAt() > restoredAt) >= inFlight);
        }

        List<Answer> answers = List.copyOf(journal);
        assertThat(answers).allSatisfy(answer -> {
            assertThat(answer.status()).as(answer.toString()).isIn(200, 201, 503);
            assertThat(answer.contentType()).as(answer.toString()).contains("json");
        });
        assertThat(answers).filteredOn(answer -> answer.status() == 503 && answer.kind() != Kind.HEALTH).allSatisfy(answer -> {
            assertThat(answer.body()).isEqualTo("{\"success\":false,\"message\":\"" + DatabaseUnavailable.MESSAGE + "\"}");
            assertThat(Long.parseLong(answer.retryAfter())).isPositive();
        });
        List<Answer> duringOutage = answers.stream().filter(answer -> answer.within(cutAt, restoredAt)).toList();
        assertThat(duringOutage).as("answers to requests made while the database was away").hasSizeGreaterThanOrEqualTo(2 * inFlight)
                .allSatisfy(answer -> assertThat(answer.status()).as(answer.toString()).isEqualTo(503));
        assertThat(duringOutage).as("health while the database was away").anySatisfy(answer -> assertThat(answer.kind()).isEqualTo(Kind.HEALTH));

        long firstSuccess = answers.stream().filter(answer -> answer.succeeded() && answer.kind() != Kind.HEALTH
                && answer.endedAt() > restoredAt).mapToLong(Answer::endedAt).min().orElseThrow();
        Duration recovery = Duration.ofNanos(firstSuccess - restoredAt);
        System.out.printf("%d requests in flight: %d answers while the database was away, all 503; first 2xx %d ms after it returned%n",
                inFlight, duringOutage.size(), recovery.toMillis());
        assertThat(recovery).as("time to the first 2xx after the database returned").isLessThanOrEqualTo(RECOVERY);

        Set<Long> missing = ConcurrentHashMap.newKeySet();
        answers.stream().filter(Answer::succeeded).map(Answer::incidentId).filter(id -> id != null).forEach(missing::add);
        assertThat(missing).as("incidents acknowledged").isNotEmpty();
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            missing.removeIf(id -> api.getAsAdmin("/api/v1/incidents/" + id).status() == 200);
            assertThat(missing).as("acknowledged incidents not found").isEmpty();
        });
    }

    private static long count(ConcurrentLinkedQueue<Answer> journal, Predicate<Answer> condition) {
        return journal.stream().filter(condition).count();
    }

    /** {@code inFlight} clients, each sending one request after the other, every kind in turn. */
    private final class Load implements AutoCloseable {

        private final ExecutorService clients;
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicLong sequence = new AtomicLong();

        Load(int inFlight, ConcurrentLinkedQueue<Answer> journal) {
            clients = Executors.newFixedThreadPool(inFlight);
            for (int i = 0; i < inFlight; i++) {
                clients.execute(() -> {
                    while (running.get()) {
                        journal.add(send(Kind.values()[(int) (sequence.incrementAndGet() % Kind.values().length)]));
                    }
                });
            }
        }

        private Answer send(Kind kind) {
            long startedAt = System.nanoTime();
            String key = UUID.randomUUID().toString();
            try {
                ApiClient.Response response = switch (kind) {
                    case CREATE -> api.postAsToken("/api/v1/incidents", token,
                            "{\"team_id\":%d,\"title\":\"outage %s\",\"severity\":3}".formatted(teamId, key));
                    case ALERT -> api.postAsToken("/api/v1/integrations/alertmanager?team_id=" + teamId, token,
                            AlertmanagerIntegrationIT.group("firing", AlertmanagerIntegrationIT.alert("firing", key, "critical", key)));
                    case SEARCH -> api.getAsToken("/api/v1/incidents?team_id=" + teamId, token);
                    case ADMIN -> api.getAsAdmin("/api/v1/admin/api-tokens");
                    case HEALTH -> api.send(api.request("/actuator/health").GET());
                };
                return new Answer(kind, startedAt, System.nanoTime(), response.status(), response.header("Content-Type"),
                        response.header("Retry-After"), response.raw().body(), incidentId(kind, response));
            } catch (UncheckedIOException e) {
                return new Answer(kind, startedAt, System.nanoTime(), -1, "", null, e.toString(), null);
            }
        }

        private static Long incidentId(Kind kind, ApiClient.Response response) {
            if (response.status() != 200 && response.status() != 201) {
                return null;
            }
            JsonNode data = response.data();
            return switch (kind) {
                case CREATE -> data.get("id").asLong();
                case ALERT -> data.get("alerts").get(0).get("incident_id").asLong();
                default -> null;
            };
        }

        @Override
        public void close() {
            running.set(false);
            clients.shutdown();
            try {
                assertThat(clients.awaitTermination(1, TimeUnit.MINUTES)).as("clients stopped").isTrue();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
