package com.sizemotion.incidents.query.report;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Incident counts, MTTA and MTTR per group, aggregated by the database from the incident read model. */
@Repository
class IncidentReport {

    /** What the report can be grouped by, and the SQL expression of each group's key. */
    enum GroupBy {
        TEAM("CAST(team_id AS VARCHAR(20))"),
        SEVERITY("'Sev ' || CAST(severity AS VARCHAR(1))"),
        SOURCE("coalesce(source, '')"),
        DAY("CAST(CAST((created_at AT TIME ZONE 'UTC') AS DATE) AS VARCHAR(10))");

        private final String expression;

        GroupBy(String expression) {
            this.expression = expression;
        }
    }

    private static final String ACK_SECONDS = "(EXTRACT(EPOCH FROM acknowledged_at) - EXTRACT(EPOCH FROM created_at))";
    private static final String RESOLVE_SECONDS = "(EXTRACT(EPOCH FROM resolved_at) - EXTRACT(EPOCH FROM created_at))";

    private final JdbcClient jdbc;

    IncidentReport(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * @param visibleTeams the caller's teams; {@code null} for every team
     */
    List<IncidentReportRow> rows(Instant from, Instant to, GroupBy groupBy, Set<Long> visibleTeams) {
        if (visibleTeams != null && visibleTeams.isEmpty()) {
            return List.of();
        }
        List<Object> parameters = new ArrayList<>(List.of(Timestamp.from(from), Timestamp.from(to)));
        String teamCondition = "";
        if (visibleTeams != null) {
            teamCondition = " AND team_id IN (" + visibleTeams.stream().map(t -> "?").collect(Collectors.joining(", ")) + ")";
            parameters.addAll(visibleTeams);
        }
        return jdbc.sql("SELECT " + groupBy.expression + " AS grp, count(*), count(acknowledged_at), count(resolved_at), "
                        + statistics(ACK_SECONDS) + ", " + statistics(RESOLVE_SECONDS)
                        + " FROM incident_view WHERE created_at >= ? AND created_at < ?" + teamCondition
                        + " GROUP BY " + groupBy.expression + " ORDER BY 1")
                .params(parameters)
                .query(IncidentReport::row)
                .list();
    }

    private static String statistics(String seconds) {
        return "avg(" + seconds + "), percentile_cont(0.5) WITHIN GROUP (ORDER BY " + seconds + "), "
                + "percentile_cont(0.9) WITHIN GROUP (ORDER BY " + seconds + ")";
    }

    private static IncidentReportRow row(ResultSet rs, int row) throws SQLException {
        return new IncidentReportRow(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4),
                durations(rs, 5), durations(rs, 8));
    }

    private static IncidentReportRow.Durations durations(ResultSet rs, int firstColumn) throws SQLException {
        return new IncidentReportRow.Durations(number(rs, firstColumn), number(rs, firstColumn + 1), number(rs, firstColumn + 2));
    }

    private static Double number(ResultSet rs, int column) throws SQLException {
        double value = rs.getDouble(column);
        return rs.wasNull() ? null : Math.round(value * 1000) / 1000.0;
    }
}
