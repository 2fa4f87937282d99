package com.sizemotion.incidents.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.sizemotion.incidents.app.support.ApiClient;
import com.sizemotion.incidents.app.support.ApiClient.Response;
import com.sizemotion.incidents.app.support.ServiceProcess;
import com.sizemotion.incidents.app.support.ServiceProcessTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import static com.sizemotion.incidents.app.OnCallAssignmentIT.eventually;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two service processes on one PostgreSQL database: an incident is created on one node while the
 * assignment saga (and the projection) run on the other, so the create node learns of the
 * assignment only by re-reading the read model. The create node waits up to 10 s here so that the answer must show the
 * assignment however busy the build machine is; with the default 2 s it typically arrives after
 * about 1.2 s, and a slower one is answered as pending (OnCallAssignmentIT pins that answer).
 */
class OnCallAssignmentProcessIT extends ServiceProcessTest {

    private static final String ADMIN_PASSWORD = "oncall-process-it";

    @Test
    void assignsAnIncidentCreatedOnOneNodeWhileTheSagaRunsOnTheOther() throws Exception {
        try (ServiceProcess sagaNode = ServiceProcess.start(environment(), workingDirectory)) {
            String sagaOwner = sagaNode.pid() + "@";
            eventually(() -> database.count("SELECT count(*) FROM token_entry WHERE processor_name = 'incident-assignment' "
                    + "AND owner LIKE '" + sagaOwner + "%'"), claimed -> claimed == 2, Duration.ofSeconds(30));
            Map<String, String> patientNode = environment();
            patientNode.put("INCIDENTS_CREATE_READ_MODEL_WAIT", "10s");
            try (ServiceProcess createNode = ServiceProcess.start(patientNode, workingDirectory)) {
                ApiClient admin = new ApiClient(sagaNode.baseUrl(), ADMIN_PASSWORD);
                ApiClient client = new ApiClient(createNode.baseUrl(), ADMIN_PASSWORD);
                long teamId = admin.createTeam("two nodes");
                String token = admin.createToken("{\"name\":\"nodes\",\"rate_limit_per_minute\":100000}");
                long john = admin.createUser("John Doe", "john.doe@example.com");
                admin.addMember(teamId, john);
                long scheduleId = admin.createSchedule("""
                        {"team_id": %d, "name": "Primary", "time_zone": "Europe/Berlin",
                         "layers": [{"name": "Primary", "user_ids": [%d], "shift_length": "P7D", "starts_at": "%s"}]}"""
                        .formatted(teamId, john, Instant.now().minus(Duration.ofDays(1))));

                for (int i = 0; i < 5; i++) {
                    Response created = client.postAsToken("/api/v1/incidents", token, """
                            {"team_id": %d, "title": "Database connection timeout", "severity": "Sev 1",
                             "assign_to_oncall": true, "oncall_schedule_id": %d}""".formatted(teamId, scheduleId));

                    assertThat(created.status()).isEqualTo(201);
                    assertThat(created.data().get("assignment").asText()).isEqualTo("assigned");
                    JsonNode assignedTo = created.data().get("assigned_to");
                    assertThat(assignedTo.get("id").asLong()).isEqualTo(john);
                    assertThat(assignedTo.get("name").asText()).isEqualTo("John Doe");
                    assertThat(assignedTo.get("email").asText()).isEqualTo("john.doe@example.com");
                    long id = created.data().get("id").asLong();
                    assertThat(admin.getAsToken("/api/v1/incidents/" + id, token).data().get("assigned_to")).isEqualTo(assignedTo);
                }
                assertThat(database.count("SELECT count(*) FROM token_entry WHERE processor_name = 'incident-assignment' "
                        + "AND owner LIKE '" + sagaOwner + "%'")).as("the saga ran on the other node").isEqualTo(2);
                assertThat(database.count("SELECT count(*) FROM domain_event_entry WHERE payload_type LIKE '%IncidentAssignedEvent'"))
                        .isEqualTo(5);
            }
        }
    }

    private Map<String, String> environment() {
        Map<String, String> environment = new HashMap<>(ServiceProcess.postgres(database, ADMIN_PASSWORD));
        environment.put("INCIDENTS_DB_POOL_SIZE", "8");
        return environment;
    }
}
