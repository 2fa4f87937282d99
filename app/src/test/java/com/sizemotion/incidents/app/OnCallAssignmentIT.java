package com.sizemotion.incidents.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.sizemotion.incidents.app.support.ApiClient.Response;
import com.sizemotion.incidents.app.support.PostgresServiceTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/** Users, teams, on-call schedules and the automatic assignment of new incidents, over real HTTP on PostgreSQL. */
class OnCallAssignmentIT extends PostgresServiceTest {

    private long teamId;
    private String token;
    private long john;
    private long jane;

    @BeforeEach
    void teamWithTwoMembers() {
        teamId = api.createTeam("sre-" + UUID.randomUUID());
        token = api.createToken("{\"name\":\"Alertmanager\",\"team_ids\":[%d],\"rate_limit_per_minute\":1000}".formatted(teamId));
        john = api.createUser("John Doe", "john.doe." + UUID.randomUUID() + "@example.com");
        jane = api.createUser("Jane Roe", "jane.roe." + UUID.randomUUID() + "@example.com");
        api.addMember(teamId, john);
        api.addMember(teamId, jane);
    }

    @Test
    void assignsTheDocumentsAutoAssignExampleToTheUserOnCall() {
        long scheduleId = weeklySchedule(Instant.now().minus(Duration.ofDays(1)), john, jane);

        Response created = create("""
                {"team_id": %d, "title": "Database connection timeout", "severity": "Sev 1",
                 "assign_to_oncall": true, "oncall_schedule_id": %d}""".formatted(teamId, scheduleId));

        assertThat(created.status()).isEqualTo(201);
        JsonNode assignedTo = created.data().get("assigned_to");
        assertThat(assignedTo.get("id").asLong()).isEqualTo(john);
        assertThat(assignedTo.get("name").asText()).isEqualTo("John Doe");
        assertThat(assignedTo.get("email").asText()).startsWith("john.doe.").endsWith("@example.com");
        assertThat(created.data().get("assignment").asText()).isEqualTo("assigned");
        assertThat(created.data().get("severity").asText()).isEqualTo("Sev 1");
        Response read = api.getAsToken("/api/v1/incidents/" + created.data().get("id").asLong(), token);
        assertThat(read.data().get("assigned_to")).isEqualTo(assignedTo);
    }

    @Test
    void assignsTheOverrideUserAboveEveryLayer() {
        long scheduleId = weeklySchedule(Instant.now().minus(Duration.ofDays(1)), john);
        Response override = api.postAsAdmin("/api/v1/admin/oncall-schedules/" + scheduleId + "/overrides",
                "{\"user_id\":%d,\"starts_at\":\"%s\",\"ends_at\":\"%s\"}".formatted(jane, Instant.now().minusSeconds(60),
                        Instant.now().plus(Duration.ofHours(1))));
        assertThat(override.status()).isEqualTo(201);

        Response created = createAssigned(scheduleId);

        assertThat(created.data().get("assigned_to").get("id").asLong()).isEqualTo(jane);
    }

    @Test
    void leavesTheIncidentUnassignedAndSaysSoWhenNobodyIsOnCall() {
        long scheduleId = weeklySchedule(Instant.now().plus(Duration.ofDays(1)), john);

        Response created = createAssigned(scheduleId);

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.data().get("assigned_to").isNull()).isTrue();
        assertThat(created.data().get("assignment").asText()).isEqualTo("nobody_on_call");
    }

    @Test
    void showsNoAssignmentForIncidentsThatDidNotAskForOne() {
        Response created = create("{\"team_id\":%d,\"title\":\"t\",\"severity\":3}".formatted(teamId));

        assertThat(created.data().get("assigned_to").isNull()).isTrue();
        assertThat(created.data().get("assignment").isNull()).isTrue();
    }

    @Test
    void rejectsAnUnknownSchedule() {
        Response response = create("{\"team_id\":%d,\"title\":\"t\",\"severity\":1,\"assign_to_oncall\":true,\"oncall_schedule_id\":987654}"
                .formatted(teamId));

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.json().get("errors").get("oncall_schedule_id").get(0).asText())
                .isEqualTo("The selected oncall schedule id is invalid.");
    }

    @Test
    void rejectsAScheduleOfAnotherTeam() {
        long otherTeam = api.createTeam("other-" + UUID.randomUUID());
        long otherUser = api.createUser("Other", "other." + UUID.randomUUID() + "@example.com");
        api.addMember(otherTeam, otherUser);
        long foreignSchedule = api.createSchedule(scheduleJson(otherTeam, Instant.now(), otherUser));
        String body = "{\"team_id\":%d,\"title\":\"t\",\"severity\":1,\"assign_to_oncall\":true,\"oncall_schedule_id\":%d}"
                .formatted(teamId, foreignSchedule);

        Response asAdmin = api.postAsAdmin("/api/v1/incidents", body);
        Response asScopedToken = create(body);

        assertThat(asAdmin.status()).isEqualTo(422);
        assertThat(asAdmin.json().get("errors").get("oncall_schedule_id").get(0).asText())
                .isEqualTo("The selected oncall schedule does not belong to team " + teamId + ".");
        assertThat(asScopedToken.status()).isEqualTo(422);
        assertThat(asScopedToken.json().get("errors").get("oncall_schedule_id").get(0).asText())
                .as("a token does not learn of other teams' schedules")
                .isEqualTo("The selected oncall schedule id is invalid.");
    }

    @Test
    void doesNotReassignWhenTheAlertRepeats() throws InterruptedException {
        long scheduleId = weeklySchedule(Instant.now().minus(Duration.ofDays(1)), john);
        String body = """
                {"team_id": %d, "title": "Disk full", "severity": 2, "external_id": "am-%s",
                 "assign_to_oncall": true, "oncall_schedule_id": %d}""".formatted(teamId, UUID.randomUUID(), scheduleId);
        Response first = create(body);
        api.postAsAdmin("/api/v1/admin/oncall-schedules/" + scheduleId + "/overrides",
                "{\"user_id\":%d,\"starts_at\":\"%s\",\"ends_at\":\"%s\"}".formatted(jane, Instant.now(),
                        Instant.now().plus(Duration.ofHours(1))));

        Response repeat = create(body);
        long repeatedAt = DATABASE.count("SELECT max(global_index) FROM domain_event_entry");
        // The saga's processor stores its position at least every 5 s even when it handles nothing.
        eventually(() -> DATABASE.count("""
                SELECT min((convert_from(token, 'UTF8')::json ->> 'index')::bigint) FROM token_entry
                WHERE processor_name = 'incident-assignment'"""), seen -> seen >= repeatedAt, Duration.ofSeconds(30));
        Response read = api.getAsToken("/api/v1/incidents/" + first.data().get("id").asLong(), token);

        assertThat(first.data().get("assigned_to").get("id").asLong()).isEqualTo(john);
        assertThat(repeat.status()).isEqualTo(200);
        assertThat(repeat.data().get("occurrences").asInt()).isEqualTo(2);
        assertThat(repeat.data().get("assigned_to").get("id").asLong()).isEqualTo(john);
        assertThat(read.data().get("assigned_to").get("id").asLong()).isEqualTo(john);
        assertThat(DATABASE.count("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = (SELECT incident_key "
                + "FROM incident_view WHERE id = " + first.data().get("id").asLong() + ") AND payload_type LIKE '%IncidentAssignedEvent'"))
                .isEqualTo(1);
    }

    /**
     * The saga cannot read the schedule for a while (as during a database failover): the create
     * answers in time with the assignment pending, and the assignment is made once the database
     * is back, instead of being logged and skipped.
     */
    @Test
    void assignsAfterATransientDatabaseErrorAndAnswersPendingMeanwhile() throws Exception {
        long scheduleId = weeklySchedule(Instant.now().minus(Duration.ofDays(1)), john);
        Response created;
        Instant started;
        try (Connection connection = DATABASE.connect(); Statement sql = connection.createStatement()) {
            sql.execute("ALTER TABLE oncall_layer_set RENAME TO oncall_layer_set_unavailable");
            try {
                started = Instant.now();
                created = createAssigned(scheduleId);
            } finally {
                sql.execute("ALTER TABLE oncall_layer_set_unavailable RENAME TO oncall_layer_set");
            }
        }
        assertThat(Duration.between(started, Instant.now())).isLessThan(Duration.ofSeconds(5));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.data().get("assigned_to").isNull()).isTrue();
        assertThat(created.data().get("assignment").asText()).isEqualTo("pending");

        long id = created.data().get("id").asLong();
        JsonNode assigned = eventually(() -> api.getAsToken("/api/v1/incidents/" + id, token).data(),
                data -> "assigned".equals(data.get("assignment").asText()), Duration.ofSeconds(90));
        assertThat(assigned.get("assigned_to").get("id").asLong()).isEqualTo(john);
    }

    @Test
    void answersWhoIsOnCallAtAnInstantAndWhy() {
        Instant rotationStart = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(1));
        long scheduleId = weeklySchedule(rotationStart, john, jane);
        Instant coverFrom = rotationStart.plus(Duration.ofDays(8));
        Instant coverUntil = coverFrom.plus(Duration.ofHours(12));
        long overrideId = api.postAsAdmin("/api/v1/admin/oncall-schedules/" + scheduleId + "/overrides",
                "{\"user_id\":%d,\"starts_at\":\"%s\",\"ends_at\":\"%s\"}".formatted(john, coverFrom, coverUntil))
                .data().get("id").asLong();

        JsonNode now = onCall(scheduleId, "");
        JsonNode nextWeek = onCall(scheduleId, "?at=" + rotationStart.plus(Duration.ofDays(7)));
        JsonNode covered = onCall(scheduleId, "?at=" + coverFrom.plus(Duration.ofHours(1)));
        JsonNode before = onCall(scheduleId, "?at=" + rotationStart.minusSeconds(1));

        assertThat(now.get("user").get("id").asLong()).isEqualTo(john);
        assertThat(now.get("layer").asText()).isEqualTo("Primary");
        assertThat(now.get("override_id").isNull()).isTrue();
        assertThat(Instant.parse(now.get("shift_ends_at").asText())).isEqualTo(rotationStart.plus(Duration.ofDays(7)));
        assertThat(nextWeek.get("user").get("name").asText()).isEqualTo("Jane Roe");
        assertThat(covered.get("user").get("id").asLong()).isEqualTo(john);
        assertThat(covered.get("override_id").asLong()).isEqualTo(overrideId);
        assertThat(covered.get("layer").isNull()).isTrue();
        assertThat(Instant.parse(covered.get("shift_ends_at").asText())).isEqualTo(coverUntil);
        assertThat(before.get("user").isNull()).isTrue();
        assertThat(Instant.parse(before.get("shift_ends_at").asText())).isEqualTo(rotationStart);
    }

    @Test
    void refusesAMalformedInstant() {
        long scheduleId = weeklySchedule(Instant.now(), john);

        Response response = api.getAsToken("/api/v1/oncall-schedules/" + scheduleId + "/oncall?at=last-tuesday", token);

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.json().get("errors").get("at").get(0).asText())
                .isEqualTo("The at must be an ISO-8601 date-time with an offset, such as 2026-11-02T09:00:00Z.");
    }

    @Test
    void keepsWhoWasOnCallWhenTheLayersChange() {
        Instant start = Instant.now().minus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS);
        long scheduleId = weeklySchedule(start, john);
        Instant beforeChange = Instant.now();

        Response replaced = api.send(api.request("/api/v1/admin/oncall-schedules/" + scheduleId + "/layers")
                .header("Authorization", adminAuthorization())
                .header("Content-Type", "application/json")
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString("""
                        {"layers": [{"name": "Daily", "user_ids": [%d], "shift_length": "P1D", "starts_at": "%s"}]}"""
                        .formatted(jane, start))));

        assertThat(replaced.status()).isEqualTo(200);
        assertThat(replaced.data().get("layers").get(0).get("name").asText()).isEqualTo("Daily");
        assertThat(onCall(scheduleId, "").get("user").get("id").asLong()).isEqualTo(jane);
        assertThat(onCall(scheduleId, "?at=" + beforeChange).get("user").get("id").asLong()).isEqualTo(john);
    }

    @Test
    void keepsEveryChangeOfTheScheduleWithWhoMadeItAndWhen() {
        long scheduleId = weeklySchedule(Instant.now(), john);
        long overrideId = api.postAsAdmin("/api/v1/admin/oncall-schedules/" + scheduleId + "/overrides",
                "{\"user_id\":%d,\"starts_at\":\"%s\",\"ends_at\":\"%s\"}".formatted(jane, Instant.now().plusSeconds(3600),
                        Instant.now().plusSeconds(7200))).data().get("id").asLong();
        Response removed = api.send(api.request("/api/v1/admin/oncall-schedules/" + scheduleId + "/overrides/" + overrideId)
                .header("Authorization", adminAuthorization()).DELETE());

        JsonNode history = api.getAsToken("/api/v1/oncall-schedules/" + scheduleId + "/history", token).data();

        assertThat(removed.status()).isEqualTo(200);
        assertThat(removed.data().get("removed_at").isNull()).isFalse();
        assertThat(history).extracting(change -> change.get("change").asText())
                .containsExactly("schedule_created", "override_added", "override_removed");
        assertThat(history).allSatisfy(change -> {
            assertThat(change.get("actor").get("name").asText()).isEqualTo("admin");
            assertThat(Instant.parse(change.get("changed_at").asText())).isBefore(Instant.now().plusSeconds(1));
        });
        assertThat(history.get(1).get("details").get("user_id").asLong()).isEqualTo(jane);
        assertThat(history.get(0).get("details").get("layers").get(0).get("shift_length").asText()).isEqualTo("P7D");
    }

    @Test
    void showsATokenOnlyTheSchedulesOfItsTeams() {
        long scheduleId = weeklySchedule(Instant.now(), john);
        long otherTeam = api.createTeam("hidden-" + UUID.randomUUID());
        String otherToken = api.createToken("{\"name\":\"other\",\"team_ids\":[%d]}".formatted(otherTeam));

        assertThat(api.getAsToken("/api/v1/oncall-schedules", token).data())
                .extracting(s -> s.get("id").asLong()).contains(scheduleId);
        assertThat(api.getAsToken("/api/v1/oncall-schedules/" + scheduleId, token).status()).isEqualTo(200);
        assertThat(api.getAsToken("/api/v1/oncall-schedules", otherToken).data()).isEmpty();
        assertThat(api.getAsToken("/api/v1/oncall-schedules/" + scheduleId, otherToken).status()).isEqualTo(404);
        assertThat(api.getAsToken("/api/v1/oncall-schedules/" + scheduleId + "/oncall", otherToken).status()).isEqualTo(404);
        assertThat(api.getAsToken("/api/v1/oncall-schedules/" + scheduleId + "/history", otherToken).status()).isEqualTo(404);
    }

    @Test
    void validatesUsersWithTheDocumentsWording() {
        String email = "Dup." + UUID.randomUUID() + "@Example.com";
        api.createUser("First", email);

        Response duplicate = api.postAsAdmin("/api/v1/admin/users", "{\"name\":\"Second\",\"email\":\"%s\"}".formatted(email.toLowerCase()));
        Response invalid = api.postAsAdmin("/api/v1/admin/users", "{\"email\":\"not-an-email\"}");

        assertThat(duplicate.status()).isEqualTo(422);
        assertThat(duplicate.json().get("errors").get("email").get(0).asText()).isEqualTo("The email has already been taken.");
        assertThat(invalid.status()).isEqualTo(422);
        assertThat(invalid.json().get("errors").get("name").get(0).asText()).isEqualTo("The name field is required.");
        assertThat(invalid.json().get("errors").get("email").get(0).asText()).isEqualTo("The email must be a valid email address.");
    }

    @Test
    void addsMembersOnceAndOnlyExistingUsersToExistingTeams() {
        long user = api.createUser("Member", "member." + UUID.randomUUID() + "@example.com");

        Response joined = api.postAsAdmin("/api/v1/admin/teams/" + teamId + "/members", "{\"user_id\":" + user + "}");
        Response again = api.postAsAdmin("/api/v1/admin/teams/" + teamId + "/members", "{\"user_id\":" + user + "}");
        Response unknownUser = api.postAsAdmin("/api/v1/admin/teams/" + teamId + "/members", "{\"user_id\":987654}");
        Response unknownTeam = api.postAsAdmin("/api/v1/admin/teams/987654/members", "{\"user_id\":" + user + "}");

        assertThat(joined.status()).isEqualTo(201);
        assertThat(joined.data().get("user").get("name").asText()).isEqualTo("Member");
        assertThat(again.status()).isEqualTo(200);
        assertThat(unknownUser.status()).isEqualTo(422);
        assertThat(unknownUser.json().get("errors").get("user_id").get(0).asText()).isEqualTo("The selected user id is invalid.");
        assertThat(unknownTeam.status()).isEqualTo(404);
        assertThat(api.getAsAdmin("/api/v1/admin/teams/" + teamId + "/members").data())
                .extracting(u -> u.get("id").asLong()).containsExactly(john, jane, user);
    }

    @Test
    void acceptsOnlyTeamMembersAndSoundRotationsOnSchedules() {
        long outsider = api.createUser("Outsider", "outsider." + UUID.randomUUID() + "@example.com");

        Response response = api.postAsAdmin("/api/v1/admin/oncall-schedules", """
                {"team_id": %d, "name": "Bad", "time_zone": "Europe/Berlin",
                 "layers": [{"name": "Primary", "user_ids": [%d, %d], "shift_length": "P1M", "starts_at": "2026-11-02T09:00:00Z"}]}"""
                .formatted(teamId, john, outsider));

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.json().get("errors").get("layers.0.user_ids.1").get(0).asText())
                .isEqualTo("The user " + outsider + " is not a member of team " + teamId + ".");
        assertThat(response.json().get("errors").get("layers.0.shift_length").get(0).asText())
                .startsWith("The layers.0.shift length must be an ISO-8601 duration");
    }

    @Test
    void refusesOverridesThatEndBeforeTheyStartOrInThePast() {
        long scheduleId = weeklySchedule(Instant.now(), john);
        String path = "/api/v1/admin/oncall-schedules/" + scheduleId + "/overrides";

        Response backwards = api.postAsAdmin(path, "{\"user_id\":%d,\"starts_at\":\"2030-01-02T00:00:00Z\",\"ends_at\":\"2030-01-01T00:00:00Z\"}".formatted(jane));
        Response past = api.postAsAdmin(path, "{\"user_id\":%d,\"starts_at\":\"2020-01-01T00:00:00Z\",\"ends_at\":\"2020-01-02T00:00:00Z\"}".formatted(jane));

        assertThat(backwards.status()).isEqualTo(422);
        assertThat(backwards.json().get("errors").get("ends_at").get(0).asText()).isEqualTo("The ends at must be a date after starts at.");
        assertThat(past.status()).isEqualTo(422);
        assertThat(past.json().get("errors").get("ends_at").get(0).asText()).isEqualTo("The ends at must be a date after now.");
        assertThat(api.getAsToken("/api/v1/oncall-schedules/" + scheduleId + "/history", token).data()).hasSize(1);
    }

    private long weeklySchedule(Instant startsAt, long... userIds) {
        return api.createSchedule(scheduleJson(teamId, startsAt, userIds));
    }

    private static String scheduleJson(long team, Instant startsAt, long... userIds) {
        return """
                {"team_id": %d, "name": "Database on-call", "time_zone": "Europe/Berlin",
                 "layers": [{"name": "Primary", "user_ids": %s, "shift_length": "P7D", "starts_at": "%s"}]}"""
                .formatted(team, java.util.Arrays.toString(userIds), startsAt);
    }

    private Response createAssigned(long scheduleId) {
        return create("{\"team_id\":%d,\"title\":\"Database connection timeout\",\"severity\":\"Sev 1\",\"assign_to_oncall\":true,\"oncall_schedule_id\":%d}"
                .formatted(teamId, scheduleId));
    }

    private Response create(String json) {
        return api.postAsToken("/api/v1/incidents", token, json);
    }

    private JsonNode onCall(long scheduleId, String query) {
        Response response = api.getAsToken("/api/v1/oncall-schedules/" + scheduleId + "/oncall" + query, token);
        assertThat(response.status()).as(response.raw().body()).isEqualTo(200);
        return response.data();
    }

    private static String adminAuthorization() {
        return "Basic " + java.util.Base64.getEncoder().encodeToString(("admin:" + ADMIN_PASSWORD).getBytes());
    }

    static <T> T eventually(Supplier<T> value, Predicate<T> done, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        T seen = value.get();
        while (!done.test(seen) && Instant.now().isBefore(deadline)) {
            Thread.sleep(250);
            seen = value.get();
        }
        assertThat(done.test(seen)).as("within %s: %s", timeout, seen).isTrue();
        return seen;
    }
}
