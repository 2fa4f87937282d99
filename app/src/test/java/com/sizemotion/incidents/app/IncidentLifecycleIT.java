package com.sizemotion.incidents.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.sizemotion.incidents.app.support.ApiClient.Response;
import com.sizemotion.incidents.app.support.PostgresServiceTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Acknowledge, resolve, reopen, edit and notes over HTTP; history and as_of from the event store. */
class IncidentLifecycleIT extends PostgresServiceTest {

    private long teamId;
    private String token;

    @BeforeEach
    void teamAndToken() {
        teamId = api.createTeam("lifecycle-" + UUID.randomUUID());
        token = api.createToken("{\"name\":\"PagerDuty bridge\",\"team_ids\":[%d],\"rate_limit_per_minute\":10000}".formatted(teamId));
    }

    @Test
    void walksAnIncidentThroughItsLife() {
        long id = create("{\"team_id\":%d,\"title\":\"API errors\",\"severity\":3}".formatted(teamId));

        Response acknowledged = post(id, "acknowledge", "{\"note\":\"looking\"}");
        assertThat(acknowledged.status()).isEqualTo(200);
        assertThat(acknowledged.data().get("status").asText()).isEqualTo("acknowledged");
        assertThat(acknowledged.data().get("acknowledged_at").isNull()).isFalse();

        Response resolved = post(id, "resolve", null);
        assertThat(resolved.data().get("status").asText()).isEqualTo("resolved");
        assertThat(resolved.data().get("resolved_at").isNull()).isFalse();

        Response reopened = post(id, "reopen", "{\"note\":\"came back\"}");
        assertThat(reopened.data().get("status").asText()).isEqualTo("open");
        assertThat(reopened.data().get("resolved_at").isNull()).isTrue();

        Response edited = patch(id, "{\"title\":\"API 5xx errors\",\"severity\":\"Sev 1\",\"tags\":[\"api\"],\"description\":\"since deploy\"}");
        assertThat(edited.status()).isEqualTo(200);
        assertThat(edited.data().get("title").asText()).isEqualTo("API 5xx errors");
        assertThat(edited.data().get("severity").asText()).isEqualTo("Sev 1");
        assertThat(edited.data().get("tags").get(0).asText()).isEqualTo("api");
        assertThat(edited.data().get("description").asText()).isEqualTo("since deploy");

        Response noted = post(id, "notes", "{\"body\":\"rolled back\"}");
        assertThat(noted.status()).isEqualTo(200);

        assertThat(types(api.getAsToken("/api/v1/incidents/" + id + "/history", token).data())).containsExactly("created", "acknowledged", "resolved", "reopened", "updated", "note_added");
    }

    @Test
    void assignsByHandAndRecordsWhoDidIt() {
        long id = create("{\"team_id\":%d,\"title\":\"t\",\"severity\":3}".formatted(teamId));
        long userId = api.createUser("Jane Roe", "jane.roe." + UUID.randomUUID() + "@example.com");
        long outsider = api.createUser("Max Other", "max.other." + UUID.randomUUID() + "@example.com");
        api.postAsAdmin("/api/v1/admin/teams/" + teamId + "/members", "{\"user_id\":" + userId + "}");

        Response assigned = post(id, "assign", "{\"user_id\":" + userId + "}");
        Response again = post(id, "assign", "{\"user_id\":" + userId + "}");
        Response unknownUser = post(id, "assign", "{\"user_id\":987654321}");
        Response notAMember = post(id, "assign", "{\"user_id\":" + outsider + "}");

        assertThat(assigned.status()).isEqualTo(200);
        assertThat(assigned.data().get("assigned_to").get("id").asLong()).isEqualTo(userId);
        assertThat(assigned.data().get("assigned_to").get("name").asText()).isEqualTo("Jane Roe");
        assertThat(again.status()).isEqualTo(200);
        assertThat(unknownUser.status()).isEqualTo(422);
        assertThat(unknownUser.json().get("errors").get("user_id").get(0).asText()).isEqualTo("The selected user id is invalid.");
        assertThat(notAMember.status()).isEqualTo(422);
        assertThat(notAMember.json().get("errors").get("user_id").get(0).asText())
                .isEqualTo("The selected user is not a member of team " + teamId + ".");
        JsonNode history = api.getAsToken("/api/v1/incidents/" + id + "/history", token).data();
        assertThat(types(history)).containsExactly("created", "assigned");
        assertThat(history.get(1).get("details").get("assignee").get("name").asText()).isEqualTo("Jane Roe");
        assertThat(history.get(1).get("actor").get("name").asText()).isEqualTo("PagerDuty bridge");
    }

    @Test
    void repeatingATransitionInEffectWritesNothing() {
        long id = create("{\"team_id\":%d,\"title\":\"t\",\"severity\":3}".formatted(teamId));
        post(id, "acknowledge", null);
        long events = events(id);

        Response again = post(id, "acknowledge", null);
        Response patchSame = patch(id, "{\"severity\":3}");

        assertThat(again.status()).isEqualTo(200);
        assertThat(again.data().get("status").asText()).isEqualTo("acknowledged");
        assertThat(patchSame.status()).isEqualTo(200);
        assertThat(events(id)).isEqualTo(events);
    }

    @Test
    void refusesTransitionsThatMakeNoSenseWith409() {
        long id = create("{\"team_id\":%d,\"title\":\"t\",\"severity\":3}".formatted(teamId));
        post(id, "acknowledge", null);

        Response reopenAcknowledged = post(id, "reopen", null);
        post(id, "resolve", null);
        long events = events(id);
        Response acknowledgeResolved = post(id, "acknowledge", null);

        assertThat(reopenAcknowledged.status()).isEqualTo(409);
        assertThat(acknowledgeResolved.status()).isEqualTo(409);
        assertThat(acknowledgeResolved.json().get("success").asBoolean()).isFalse();
        assertThat(acknowledgeResolved.json().get("message").asText()).contains("resolved");
        assertThat(events(id)).isEqualTo(events);
    }

    @Test
    void validatesEditsAndNotes() {
        long id = create("{\"team_id\":%d,\"title\":\"t\",\"severity\":3}".formatted(teamId));

        Response badPatch = patch(id, "{\"severity\":7,\"title\":\"\",\"status\":\"resolved\"}");
        Response emptyNote = post(id, "notes", "{}");

        assertThat(badPatch.status()).isEqualTo(422);
        assertThat(badPatch.json().get("errors").has("severity")).isTrue();
        assertThat(badPatch.json().get("errors").has("title")).isTrue();
        assertThat(badPatch.json().get("errors").has("status")).isTrue();
        assertThat(emptyNote.status()).isEqualTo(422);
        assertThat(emptyNote.json().get("errors").get("body").get(0).asText()).isEqualTo("The body field is required.");
    }

    @Test
    void hidesOtherTeamsIncidentsFromEveryLifecycleEndpoint() {
        long otherTeam = api.createTeam("other-" + UUID.randomUUID());
        long foreign = api.postAsAdmin("/api/v1/incidents", "{\"team_id\":%d,\"title\":\"t\",\"severity\":3}".formatted(otherTeam))
                .data().get("id").asLong();

        for (String action : List.of("acknowledge", "resolve", "reopen", "notes")) {
            Response response = post(foreign, action, "notes".equals(action) ? "{\"body\":\"x\"}" : null);
            assertThat(response.status()).as(action).isEqualTo(404);
            assertThat(response.json().get("message").asText()).isEqualTo("Incident not found.");
        }
        assertThat(patch(foreign, "{\"title\":\"x\"}").status()).isEqualTo(404);
        assertThat(api.getAsToken("/api/v1/incidents/" + foreign + "/history", token).status()).isEqualTo(404);
        assertThat(api.getAsToken("/api/v1/incidents/" + foreign + "?as_of=2030-01-01T00:00:00Z", token).status()).isEqualTo(404);
    }

    @Test
    void historyListsEveryEventWithActorAndDetails() {
        String externalId = "history-" + UUID.randomUUID();
        String body = "{\"team_id\":%d,\"title\":\"Disk\",\"severity\":3,\"external_id\":\"%s\",\"source\":\"datadog\"}".formatted(teamId, externalId);
        long id = create(body);
        create(body.replace("\"severity\":3", "\"severity\":2"));
        api.postAsAdmin("/api/v1/incidents/" + id + "/resolve", "{\"note\":\"fixed by admin\"}");

        JsonNode history = api.getAsToken("/api/v1/incidents/" + id + "/history", token).data();

        assertThat(types(history)).containsExactly("created", "alert_repeated", "severity_raised", "resolved");
        assertThat(history.get(0).get("actor").get("type").asText()).isEqualTo("token");
        assertThat(history.get(0).get("actor").get("name").asText()).isEqualTo("PagerDuty bridge");
        assertThat(history.get(0).get("details").get("external_id").asText()).isEqualTo(externalId);
        assertThat(history.get(1).get("details").get("occurrences").asInt()).isEqualTo(2);
        assertThat(history.get(2).get("details").get("from").asText()).isEqualTo("Sev 3");
        assertThat(history.get(2).get("details").get("to").asText()).isEqualTo("Sev 2");
        assertThat(history.get(3).get("actor").get("type").asText()).isEqualTo("admin");
        assertThat(history.get(3).get("details").get("note").asText()).isEqualTo("fixed by admin");
        assertThat(Instant.parse(history.get(3).get("at").asText())).isAfterOrEqualTo(Instant.parse(history.get(0).get("at").asText()));
    }

    @Test
    void showsTheIncidentAsItWasAtAnyInstant() throws InterruptedException {
        long id = create("{\"team_id\":%d,\"title\":\"Before\",\"severity\":3}".formatted(teamId));
        Thread.sleep(20);
        Instant afterCreate = Instant.now();
        Thread.sleep(20);
        post(id, "acknowledge", null);
        patch(id, "{\"title\":\"After\"}");
        Thread.sleep(20);
        Instant afterEdit = Instant.now();
        Thread.sleep(20);
        post(id, "resolve", null);

        JsonNode then = api.getAsToken("/api/v1/incidents/" + id + "?as_of=" + afterCreate, token).data();
        JsonNode later = api.getAsToken("/api/v1/incidents/" + id + "?as_of=" + afterEdit, token).data();
        Response before = api.getAsToken("/api/v1/incidents/" + id + "?as_of=2020-01-01T00:00:00Z", token);
        Response malformed = api.getAsToken("/api/v1/incidents/" + id + "?as_of=yesterday", token);

        assertThat(then.get("status").asText()).isEqualTo("open");
        assertThat(then.get("title").asText()).isEqualTo("Before");
        assertThat(later.get("status").asText()).isEqualTo("acknowledged");
        assertThat(later.get("title").asText()).isEqualTo("After");
        assertThat(api.getAsToken("/api/v1/incidents/" + id, token).data().get("status").asText()).isEqualTo("resolved");
        assertThat(before.status()).isEqualTo(404);
        assertThat(malformed.status()).isEqualTo(422);
    }

    /** The API shows times in whole seconds; as_of with such a time covers that whole second. */
    @Test
    void findsAnIncidentAsOfTheCreatedAtItShows() throws InterruptedException {
        while (Instant.now().getNano() > 500_000_000) {
            Thread.sleep(10);   // the create then ends within the second it started in
        }
        Response created = api.postAsToken("/api/v1/incidents", token,
                "{\"team_id\":%d,\"title\":\"Shown\",\"severity\":3}".formatted(teamId));
        String createdAt = created.data().get("created_at").asText();

        Response then = api.getAsToken("/api/v1/incidents/" + created.data().get("id").asLong() + "?as_of=" + createdAt, token);

        assertThat(createdAt).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
        assertThat(then.status()).isEqualTo(200);
        assertThat(then.data().get("title").asText()).isEqualTo("Shown");
    }

    @Test
    void opensExactlyOneNewIncidentWhenSimultaneousAlertsFollowAResolve() throws Exception {
        String externalId = "recurring-" + UUID.randomUUID();
        String body = "{\"team_id\":%d,\"title\":\"Recurring\",\"severity\":2,\"external_id\":\"%s\"}".formatted(teamId, externalId);
        long first = create(body);
        post(first, "resolve", null);

        List<Response> responses = ConcurrentCreateIT.all(30, () -> api.postAsToken("/api/v1/incidents", token, body));

        assertThat(responses).extracting(Response::status).containsOnly(200, 201);
        assertThat(responses).filteredOn(r -> r.status() == 201).hasSize(1);
        long second = responses.get(0).data().get("id").asLong();
        assertThat(second).isNotEqualTo(first);
        assertThat(responses).extracting(r -> r.data().get("id").asLong()).containsOnly(second);
        assertThat(api.getAsToken("/api/v1/incidents/" + second, token).data().get("previous_incident_id").asLong()).isEqualTo(first);
        Response reopenOld = post(first, "reopen", null);
        assertThat(reopenOld.status()).isEqualTo(409);
        assertThat(reopenOld.json().get("message").asText()).contains(Long.toString(second));
    }

    private static List<String> types(JsonNode history) {
        List<String> types = new ArrayList<>();
        history.forEach(entry -> types.add(entry.get("type").asText()));
        return types;
    }

    private long create(String json) {
        Response response = api.postAsToken("/api/v1/incidents", token, json);
        assertThat(response.status()).isIn(200, 201);
        return response.data().get("id").asLong();
    }

    private Response post(long id, String action, String json) {
        HttpRequest.Builder request = api.request("/api/v1/incidents/" + id + "/" + action)
                .header("Authorization", "Bearer " + token);
        if (json == null) {
            return api.send(request.POST(HttpRequest.BodyPublishers.noBody()));
        }
        return api.send(request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    private Response patch(long id, String json) {
        return api.send(api.request("/api/v1/incidents/" + id).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").method("PATCH", HttpRequest.BodyPublishers.ofString(json)));
    }

    private long events(long id) {
        return DATABASE.count("SELECT count(*) FROM domain_event_entry e JOIN incident_lookup l ON l.incident_key = e.aggregate_identifier"
                + " WHERE l.incident_id = " + id);
    }
}
