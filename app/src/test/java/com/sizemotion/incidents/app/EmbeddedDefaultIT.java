package com.sizemotion.incidents.app;

import com.sizemotion.incidents.app.support.ApiClient;
import com.sizemotion.incidents.app.support.ApiClient.Response;
import com.sizemotion.incidents.app.support.ServiceProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code java -jar} on a bare machine: embedded H2 under ./data, a demo team and a logged demo token. */
class EmbeddedDefaultIT {

    private static final Pattern DEMO_TOKEN = Pattern.compile("(inc_[0-9A-Za-z]{49})");

    @TempDir
    Path workingDirectory;

    @Test
    void runsOnTheEmbeddedDatabaseWithADemoTeamAndToken() throws Exception {
        String token;
        try (ServiceProcess service = ServiceProcess.start(Map.of("INCIDENTS_ADMIN_PASSWORD", "embedded"), workingDirectory)) {
            Matcher matcher = DEMO_TOKEN.matcher(service.log());
            assertThat(matcher.find()).as("the demo token is logged on first start").isTrue();
            token = matcher.group(1);
            ApiClient api = new ApiClient(service.baseUrl(), "embedded");

            Response created = api.postAsToken("/api/v1/incidents", token,
                    "{\"team_id\": 1, \"title\": \"Test incident from API\", \"severity\": \"Sev 3\"}");

            assertThat(created.status()).isEqualTo(201);
            assertThat(created.data().get("severity").asText()).isEqualTo("Sev 3");
            assertThat(Files.isDirectory(workingDirectory.resolve("data"))).isTrue();
        }
        try (ServiceProcess restarted = ServiceProcess.start(Map.of("INCIDENTS_ADMIN_PASSWORD", "embedded"), workingDirectory)) {
            assertThat(DEMO_TOKEN.matcher(restarted.log()).find()).as("no second demo token").isFalse();
            Response read = new ApiClient(restarted.baseUrl(), "embedded").getAsToken("/api/v1/incidents/1", token);
            assertThat(read.status()).isEqualTo(200);
        }
    }
}
