package com.sizemotion.incidents.app;

import com.sizemotion.incidents.app.support.TestDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The read model's indexes at 1,000,000 incidents: every search filter and the report's time window
 * are answered by index scans (EXPLAIN ANALYZE), never by reading the whole table. The queries
 * have the shape IncidentSearch and IncidentReport send.
 */
class SearchAtScaleIT {

    private static final int INCIDENTS = 1_000_000;
    private static final String PAGE = " ORDER BY created_at DESC, id DESC LIMIT 26";
    private static TestDatabase database;
    private static final List<String> INDEXES = new ArrayList<>();

    @BeforeAll
    static void millionIncidents() throws Exception {
        database = TestDatabase.create();
        Flyway.configure().dataSource(database.url(), TestDatabase.USER, TestDatabase.PASSWORD)
                .locations("classpath:db/migration", "classpath:db/vendor/postgresql").load().migrate();
        try (Connection connection = database.connect(); Statement sql = connection.createStatement()) {
            try (ResultSet rs = sql.executeQuery("SELECT indexdef FROM pg_indexes WHERE tablename = 'incident_view' AND indexname <> 'incident_view_pkey'")) {
                while (rs.next()) {
                    INDEXES.add(rs.getString(1));
                }
            }
            for (String index : INDEXES) {
                sql.execute("DROP INDEX " + index.replaceAll("^CREATE INDEX (\\S+) .*$", "$1"));
            }
            sql.execute("""
                    INSERT INTO incident_view (id, incident_key, team_id, title, description, severity, status, source,
                        external_id, metadata, tags, occurrences, created_at, updated_at, version)
                    SELECT n, 'incident-' || n, 1 + n % 50, 'Incident ' || n || ' on host-' || (n % 1000),
                           CASE WHEN n % 10 = 0 THEN 'connection refused by upstream ' || n END,
                           1 + n % 4, (ARRAY['open', 'acknowledged', 'resolved'])[1 + n % 3],
                           (ARRAY['datadog', 'prometheus', 'pagerduty', 'grafana', 'cron'])[1 + n % 5],
                           'ext-' || n, '{}', '["t' || (n % 10) || '", "prod"]', 1,
                           timestamptz '2025-01-01' + n * interval '30 seconds',
                           timestamptz '2025-01-01' + n * interval '30 seconds', 0
                    FROM generate_series(1, """ + INCIDENTS + ") AS n");
            for (String index : INDEXES) {
                sql.execute(index);
            }
            sql.execute("ANALYZE incident_view");
        }
    }

    @AfterAll
    static void drop() {
        database.drop();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "SELECT * FROM incident_view" + PAGE,
            "SELECT * FROM incident_view WHERE team_id = 7" + PAGE,
            "SELECT * FROM incident_view WHERE team_id IN (3, 7, 9) AND status IN ('open')" + PAGE,
            "SELECT * FROM incident_view WHERE status IN ('acknowledged')" + PAGE,
            "SELECT * FROM incident_view WHERE severity IN (1, 2)" + PAGE,
            "SELECT * FROM incident_view WHERE source = 'pagerduty'" + PAGE,
            "SELECT * FROM incident_view WHERE external_id = 'ext-654321'" + PAGE,
            "SELECT * FROM incident_view WHERE tags::jsonb @> CAST('[\"t3\"]' AS jsonb)" + PAGE,
            "SELECT * FROM incident_view WHERE to_tsvector('simple', title || ' ' || coalesce(description, '')) @@ plainto_tsquery('simple', 'host-421')" + PAGE,
            "SELECT * FROM incident_view WHERE created_at >= '2025-06-01' AND created_at < '2025-06-02'" + PAGE,
            "SELECT * FROM incident_view WHERE team_id = 7 AND (created_at < '2025-06-01' OR (created_at = '2025-06-01' AND id < 500000))" + PAGE,
            "SELECT severity, count(*), avg(EXTRACT(EPOCH FROM resolved_at) - EXTRACT(EPOCH FROM created_at)) FROM incident_view"
                    + " WHERE created_at >= '2025-06-01' AND created_at < '2025-06-08' GROUP BY severity"})
    void answersFromAnIndex(String query) throws Exception {
        StringBuilder plan = new StringBuilder();
        try (Connection connection = database.connect(); Statement sql = connection.createStatement();
             ResultSet rs = sql.executeQuery("EXPLAIN (ANALYZE, BUFFERS) " + query)) {
            while (rs.next()) {
                plan.append(rs.getString(1)).append('\n');
            }
        }
        System.out.println(query + "\n" + plan);
        assertThat(plan).as("plan of %s", query).doesNotContain("Seq Scan");
        assertThat(plan).as("plan of %s", query).containsPattern("Index|Bitmap");
    }
}
