package com.sizemotion.incidents.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.sizemotion.incidents.app.support.ApiClient.Response;
import com.sizemotion.incidents.app.support.PostgresServiceTest;
import com.sizemotion.incidents.app.support.ReadModel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An event the incident projection cannot apply is dead-lettered: the projection goes on with
 * every other incident, the failed one stays readable from its events, and the admin sees, retries
 * and drops the dead letters. The poison is a CHECK constraint on the read model that refuses one
 * title, as a database refusing a value would.
 */
class ProjectionDeadLetterIT extends PostgresServiceTest {

    private static final String PROJECTION = "incident-projection";
    private static final String DEAD_LETTERS = "/api/v1/admin/projections/" + PROJECTION + "/dead-letters";
    private static final String METRIC = "/actuator/metrics/incidents.projection.dead_letters?tag=processor:" + PROJECTION;

    private final String poisonTitle = "poison-" + UUID.randomUUID();
    private long teamId;
    private String token;

    @BeforeEach
    void poisonOneTitle() {
        teamId = api.createTeam("dead-letters-" + UUID.randomUUID());
        token = api.createToken("{\"name\":\"dead letters\",\"rate_limit_per_minute\":100000}");
        DATABASE.update("ALTER TABLE incident_view ADD CONSTRAINT refuses_poison CHECK (title <> '" + poisonTitle + "')");
    }

    @AfterEach
    void dropPoisonAndDeadLetters() {
        DATABASE.update("ALTER TABLE incident_view DROP CONSTRAINT IF EXISTS refuses_poison");
        for (JsonNode letter : api.getAsAdmin(DEAD_LETTERS).data().get("dead_letters")) {
            api.deleteAsAdmin(DEAD_LETTERS + "/" + letter.get("sequence").asText());
        }
    }

    @Test
    void poisonEventIsDeadLetteredWhileTheOtherIncidentsAreProjectedAndRetriedOnceTheCauseIsGone() {
        Response created = create(poisonTitle);
        long poisoned = created.data().get("id").asLong();

        assertThat(created.status()).isEqualTo(201);
        List<Long> others = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            others.add(create("healthy " + i).data().get("id").asLong());
        }
        others.forEach(id -> assertThat(api.getAsToken("/api/v1/incidents/" + id, token).status()).isEqualTo(200));
        assertThat(DATABASE.count("SELECT count(*) FROM incident_view WHERE id = " + poisoned)).isZero();

        JsonNode fromEvents = api.getAsToken("/api/v1/incidents/" + poisoned, token).data();
        assertThat(fromEvents.get("title").asText()).isEqualTo(poisonTitle);
        assertThat(fromEvents.get("status").asText()).isEqualTo("open");

        Response acknowledged = api.postAsToken("/api/v1/incidents/" + poisoned + "/acknowledge", token, "{}");
        assertThat(acknowledged.status()).isEqualTo(200);
        assertThat(acknowledged.data().get("status").asText()).isEqualTo("acknowledged");
        assertThat(api.getAsToken("/api/v1/incidents/" + poisoned, token).data().get("status").asText()).isEqualTo("acknowledged");

        await().atMost(Duration.ofSeconds(30)).until(() -> deadLetterCount() == 2);
        JsonNode letters = api.getAsAdmin(DEAD_LETTERS).data();
        assertThat(letters.get("count").asLong()).isEqualTo(2);
        JsonNode failed = letters.get("dead_letters").get(0);
        assertThat(failed.get("incident_id").asLong()).isEqualTo(poisoned);
        assertThat(failed.get("event_type").asText()).isEqualTo("IncidentCreatedEvent");
        assertThat(failed.get("aggregate_sequence").asLong()).isZero();
        assertThat(failed.get("global_index").isNumber()).isTrue();
        assertThat(failed.get("cause_type").asText()).isEqualTo("SQLState 23514");
        assertThat(failed.get("cause_message").asText()).contains("refuses_poison").doesNotContainIgnoringCase("insert")
                .doesNotContain("\n");
        assertThat(failed.get("retries").asLong()).isZero();
        assertThat(failed.get("enqueued_at").isTextual()).isTrue();
        JsonNode waiting = letters.get("dead_letters").get(1);
        assertThat(waiting.get("event_type").asText()).isEqualTo("IncidentAcknowledgedEvent");
        assertThat(waiting.get("sequence").asText()).isEqualTo(failed.get("sequence").asText());
        assertThat(waiting.get("cause_type").isNull()).isTrue();
        assertThat(metric()).isEqualTo(2.0);
        assertThat(api.send(api.request(METRIC).GET()).status()).isEqualTo(401);

        JsonNode stillPoisoned = api.postAsAdmin(DEAD_LETTERS + "/retry", "{}").data();
        assertThat(stillPoisoned.get("retried")).isEmpty();
        assertThat(stillPoisoned.get("still_dead").asLong()).isEqualTo(2);
        assertThat(stillPoisoned.get("dead_letters").get(0).get("retries").asLong()).isEqualTo(1);

        DATABASE.update("ALTER TABLE incident_view DROP CONSTRAINT refuses_poison");
        JsonNode retried = api.postAsAdmin(DEAD_LETTERS + "/retry", "{}").data();

        assertThat(retried.get("retried")).extracting(JsonNode::asText).containsExactly(failed.get("sequence").asText());
        assertThat(retried.get("still_dead").asLong()).isZero();
        assertThat(DATABASE.count("SELECT count(*) FROM incident_view WHERE status = 'acknowledged' AND id = " + poisoned)).isOne();
        assertThat(deadLetterCount()).isZero();
        assertThat(metric()).isZero();
    }

    @Test
    void droppedDeadLettersAreGoneAndUnknownNamesAre404() {
        long poisoned = create(poisonTitle).data().get("id").asLong();
        await().atMost(Duration.ofSeconds(30)).until(() -> deadLetterCount() == 1);
        String sequence = api.getAsAdmin(DEAD_LETTERS).data().get("dead_letters").get(0).get("sequence").asText();

        Response dropped = api.deleteAsAdmin(DEAD_LETTERS + "/" + sequence);

        assertThat(dropped.status()).isEqualTo(200);
        assertThat(dropped.data().get("dead_letters").get(0).get("incident_id").asLong()).isEqualTo(poisoned);
        assertThat(deadLetterCount()).isZero();
        assertThat(api.deleteAsAdmin(DEAD_LETTERS + "/" + sequence).status()).isEqualTo(404);
        assertThat(api.getAsAdmin("/api/v1/admin/projections/no-such-thing/dead-letters").status()).isEqualTo(404);
        assertThat(api.getAsAdmin("/api/v1/admin/projections/incident-assignment/dead-letters").status()).isEqualTo(404);
        assertThat(api.getAsToken(DEAD_LETTERS, token).status()).isIn(401, 403);
    }

    @Test
    void rebuildDeadLettersWhatItCannotApplyInsteadOfFailing() {
        create(poisonTitle);
        long healthy = create("healthy beside poison").data().get("id").asLong();
        await().atMost(Duration.ofSeconds(30)).until(() -> deadLetterCount() == 1);

        assertThat(api.postAsAdmin("/api/v1/admin/projections/" + PROJECTION + "/rebuild", "{}").status()).isEqualTo(202);
        JsonNode rebuild = await().atMost(Duration.ofMinutes(2)).until(this::rebuild,
                r -> !r.isNull() && !"running".equals(r.get("status").asText()));

        assertThat(rebuild.get("status").asText()).isEqualTo("done");
        assertThat(rebuild.get("dead_lettered_events").asLong()).isOne();
        assertThat(rebuild.get("error").isNull()).isTrue();
        assertThat(deadLetterCount()).as("the live projection's dead letter, not a second copy").isOne();
        ReadModel.awaitIncident(api, token, healthy);
    }

    private Response create(String title) {
        return api.postAsToken("/api/v1/incidents", token,
                "{\"team_id\":%d,\"title\":\"%s\",\"severity\":2}".formatted(teamId, title));
    }

    private long deadLetterCount() {
        for (JsonNode processor : api.getAsAdmin("/api/v1/admin/projections").data()) {
            if (processor.get("name").asText().equals(PROJECTION)) {
                return processor.get("dead_letters").asLong();
            }
        }
        throw new AssertionError("no " + PROJECTION);
    }

    private double metric() {
        Response response = api.getAsAdmin(METRIC);
        assertThat(response.status()).isEqualTo(200);
        return response.json().get("measurements").get(0).get("value").asDouble();
    }

    private JsonNode rebuild() {
        for (JsonNode processor : api.getAsAdmin("/api/v1/admin/projections").data()) {
            if (processor.get("name").asText().equals(PROJECTION)) {
                return processor.get("rebuild");
            }
        }
        throw new AssertionError("no " + PROJECTION);
    }
}
