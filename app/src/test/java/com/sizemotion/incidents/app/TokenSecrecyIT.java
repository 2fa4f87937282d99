package com.sizemotion.incidents.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.sizemotion.incidents.app.support.ApiClient;
import com.sizemotion.incidents.app.support.ServiceProcess;
import com.sizemotion.incidents.app.support.TestDatabase;
import com.sizemotion.incidents.app.token.ApiTokenFormat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No plaintext token anywhere the service writes: not in its log (at DEBUG, as an operator might
 * run it while chasing a problem) and not in any table.
 */
class TokenSecrecyIT {

    private static final String ADMIN_PASSWORD = "secrecy-it-admin";
    private static final TestDatabase DATABASE = TestDatabase.create();

    @TempDir
    Path workingDirectory;

    @AfterAll
    static void dropDatabase() {
        DATABASE.drop();
    }

    @Test
    void keepsPlaintextTokensOutOfTheLogAndTheDatabase() throws Exception {
        Map<String, String> environment = new HashMap<>(ServiceProcess.postgres(DATABASE, ADMIN_PASSWORD));
        environment.put("LOGGING_LEVEL_ORG_SPRINGFRAMEWORK", "DEBUG");
        environment.put("LOGGING_LEVEL_COM_SIZEMOTION", "DEBUG");
        String token;
        String wrongToken = ApiTokenFormat.generate();
        ServiceProcess service = ServiceProcess.start(environment, workingDirectory);
        try {
            ApiClient api = new ApiClient(service.baseUrl(), ADMIN_PASSWORD);
            long teamId = api.createTeam("secrecy");
            JsonNode created = api.createdToken("{\"name\":\"secret keeper\",\"team_ids\":[%d]}".formatted(teamId));
            token = created.get("token").asText();
            long incidentId = api.postAsToken("/api/v1/incidents", token,
                    "{\"team_id\":%d,\"title\":\"t\",\"severity\":1}".formatted(teamId)).data().get("id").asLong();
            assertThat(api.getAsToken("/api/v1/incidents/" + incidentId, token).status()).isEqualTo(200);
            assertThat(api.getAsToken("/api/v1/incidents/" + incidentId, wrongToken).status()).isEqualTo(401);
            api.patchAsAdmin("/api/v1/admin/api-tokens/" + created.get("id").asLong(), "{\"name\":\"renamed\"}");
            api.getAsAdmin("/api/v1/admin/api-tokens");
        } finally {
            service.close();
        }
        String log = service.log();

        assertThat(log).as("the service ran at DEBUG").contains("DEBUG");
        for (String secret : List.of(token, wrongToken)) {
            assertThat(piecesOf(secret).stream().filter(log::contains)).as("pieces of a token in the log").isEmpty();
            assertThat(columnsContaining(secret)).isEmpty();
            assertThat(columnsContaining(secretPart(secret))).isEmpty();
        }
        assertThat(DATABASE.count("SELECT count(*) FROM api_token WHERE token_hash = '" + ApiTokenFormat.sha256Hex(token) + "'"))
                .as("only the hash is stored").isEqualTo(1);
        assertThat(DATABASE.count("SELECT count(*) FROM api_token WHERE last_used_at IS NOT NULL"))
                .as("the last use is written at shutdown").isEqualTo(1);
    }

    /**
     * Every run of 16 characters of the token: each holds at least 4 characters beyond the
     * 12-character prefix that lists may show, so a log line cut short still cannot leak a piece.
     */
    private static List<String> piecesOf(String token) {
        List<String> pieces = new ArrayList<>();
        for (int start = 0; start + 16 <= token.length(); start++) {
            pieces.add(token.substring(start, start + 16));
        }
        return pieces;
    }

    /** What follows the prefix that lists show: the part that must never be stored. */
    private static String secretPart(String token) {
        return token.substring(ApiTokenFormat.displayPrefix(token).length());
    }

    /** Every text, JSON or binary column of every table that contains the text, as "table.column". */
    private static List<String> columnsContaining(String text) throws SQLException {
        List<String> found = new ArrayList<>();
        try (Connection connection = DATABASE.connect();
             ResultSet columns = connection.createStatement().executeQuery("""
                     SELECT table_name, column_name, data_type FROM information_schema.columns
                     WHERE table_schema = 'public'
                       AND data_type IN ('text', 'character varying', 'character', 'json', 'jsonb', 'bytea')""")) {
            while (columns.next()) {
                String column = "\"" + columns.getString("table_name") + "\".\"" + columns.getString("column_name") + "\"";
                String condition = columns.getString("data_type").equals("bytea")
                        ? "position(convert_to(?, 'UTF8') in %s) > 0"
                        : "strpos(%s::text, ?) > 0";
                String table = "\"" + columns.getString("table_name") + "\"";
                try (PreparedStatement query = connection.prepareStatement(
                        "SELECT count(*) FROM " + table + " WHERE " + condition.formatted(column))) {
                    query.setString(1, text);
                    try (ResultSet count = query.executeQuery()) {
                        count.next();
                        if (count.getLong(1) > 0) {
                            found.add(column);
                        }
                    }
                }
            }
        }
        return found;
    }
}
