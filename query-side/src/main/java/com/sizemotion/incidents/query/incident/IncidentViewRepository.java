package com.sizemotion.incidents.query.incident;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sizemotion.incidents.api.incident.AssignedUser;
import com.sizemotion.incidents.api.incident.IncidentStatus;
import com.sizemotion.incidents.api.incident.IncidentView;
import com.sizemotion.incidents.api.incident.Severity;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Rows of the incident read model. Writes name their table: {@value #LIVE_TABLE}, which readers
 * use, or {@value #REBUILD_TABLE} while a rebuild fills it.
 */
@Repository
class IncidentViewRepository {

    static final String LIVE_TABLE = "incident_view";
    static final String REBUILD_TABLE = "incident_view_rebuild";

    static final String COLUMNS = """
            id, incident_key, team_id, title, description, severity, status, source, external_id, metadata, tags,
            occurrences, previous_incident_id, created_at, updated_at, acknowledged_at, resolved_at, version,
            assigned_user_id, assigned_user_name, assigned_user_email, assignment""";
    private static final TypeReference<Map<String, Object>> METADATA = new TypeReference<>() { };
    private static final TypeReference<List<String>> TAGS = new TypeReference<>() { };

    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final String publicUrl;

    IncidentViewRepository(JdbcClient jdbc, ObjectMapper json, @Value("${incidents.public-url}") String publicUrl) {
        this.jdbc = jdbc;
        this.json = json;
        this.publicUrl = publicUrl;
    }

    /** Inserts the incident's row unless the table has it already (a rebuilt table that took over); true when inserted. */
    boolean insertIfAbsent(String table, IncidentState s) {
        return jdbc.sql("INSERT INTO " + table + " (" + COLUMNS + ") SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?"
                        + " WHERE NOT EXISTS (SELECT 1 FROM " + table + " WHERE id = ?)")
                .params(s.id(), s.incidentKey(), s.teamId(), s.title(), s.description(), s.severity().level(),
                        s.status().wireName(), s.source(), s.externalId(), write(s.metadata()), write(s.tags()),
                        s.occurrences(), s.previousIncidentId(), timestamp(s.createdAt()), timestamp(s.updatedAt()),
                        timestamp(s.acknowledgedAt()), timestamp(s.resolvedAt()), s.version(), assigneeId(s),
                        assigneeName(s), assigneeEmail(s), s.assignment(), s.id())
                .update() == 1;
    }

    /** Replaces what events can change, unless the row already has this version or a later one; true when replaced. */
    boolean update(String table, IncidentState s) {
        return jdbc.sql("UPDATE " + table + " " + """
                         SET title = ?, description = ?, severity = ?, status = ?, tags = ?, occurrences = ?,
                             updated_at = ?, acknowledged_at = ?, resolved_at = ?, version = ?, assigned_user_id = ?,
                             assigned_user_name = ?, assigned_user_email = ?, assignment = ?
                         WHERE id = ? AND version < ?""")
                .params(s.title(), s.description(), s.severity().level(), s.status().wireName(), write(s.tags()),
                        s.occurrences(), timestamp(s.updatedAt()), timestamp(s.acknowledgedAt()),
                        timestamp(s.resolvedAt()), s.version(), assigneeId(s), assigneeName(s), assigneeEmail(s),
                        s.assignment(), s.id(), s.version())
                .update() == 1;
    }

    Optional<IncidentState> load(String table, long incidentId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM " + table + " WHERE id = ?").param(incidentId)
                .query(this::state).optional();
    }

    Optional<IncidentView> find(long incidentId) {
        return load(LIVE_TABLE, incidentId).map(state -> state.toView(publicUrl));
    }

    String publicUrl() {
        return publicUrl;
    }

    void deleteAll(String table) {
        jdbc.sql("DELETE FROM " + table).update();
    }

    IncidentState state(ResultSet rs, int row) throws SQLException {
        return new IncidentState(rs.getLong("id"), rs.getString("incident_key"), rs.getLong("team_id"),
                rs.getString("title"), rs.getString("description"), Severity.ofLevel(rs.getInt("severity")),
                IncidentStatus.fromWireName(rs.getString("status")).orElseThrow(), assignee(rs),
                rs.getString("assignment"), rs.getString("source"),
                rs.getString("external_id"), read(rs.getString("metadata"), METADATA), read(rs.getString("tags"), TAGS),
                rs.getInt("occurrences"), rs.getObject("previous_incident_id", Long.class),
                instant(rs.getTimestamp("created_at")), instant(rs.getTimestamp("updated_at")),
                instant(rs.getTimestamp("acknowledged_at")), instant(rs.getTimestamp("resolved_at")),
                rs.getLong("version"));
    }

    private static AssignedUser assignee(ResultSet rs) throws SQLException {
        Long id = rs.getObject("assigned_user_id", Long.class);
        return id == null ? null : new AssignedUser(id, rs.getString("assigned_user_name"), rs.getString("assigned_user_email"));
    }

    private static Long assigneeId(IncidentState s) {
        return s.assignedTo() == null ? null : s.assignedTo().id();
    }

    private static String assigneeName(IncidentState s) {
        return s.assignedTo() == null ? null : s.assignedTo().name();
    }

    private static String assigneeEmail(IncidentState s) {
        return s.assignedTo() == null ? null : s.assignedTo().email();
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot store " + value + " as JSON", e);
        }
    }

    private <T> T read(String value, TypeReference<T> type) {
        try {
            return json.readValue(value, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("The incident read model holds JSON that does not parse: " + value, e);
        }
    }
}
