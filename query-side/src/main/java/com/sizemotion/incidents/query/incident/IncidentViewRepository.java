package com.sizemotion.incidents.query.incident;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sizemotion.incidents.api.incident.AssignedUser;
import com.sizemotion.incidents.api.incident.AssignmentState;
import com.sizemotion.incidents.api.incident.IncidentCreatedEvent;
import com.sizemotion.incidents.api.incident.IncidentView;
import com.sizemotion.incidents.api.incident.Severity;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The {@code incident_view} table: one row per incident, as clients read it. */
@Repository
class IncidentViewRepository {

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

    void insert(IncidentCreatedEvent event, long version) {
        jdbc.sql("""
                        INSERT INTO incident_view (id, incident_key, team_id, title, description, severity, status,
                            source, external_id, metadata, tags, occurrences, previous_incident_id,
                            created_at, updated_at, version, assignment)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?)""")
                .params(event.incidentId(), event.incidentKey(), event.teamId(), event.title(), event.description(),
                        event.severity().level(), event.status().wireName(), event.source(), event.externalId(),
                        write(event.metadata() == null ? Map.of() : event.metadata()),
                        write(event.tags() == null ? List.of() : event.tags()), event.previousIncidentId(),
                        Timestamp.from(event.createdAt()), Timestamp.from(event.createdAt()), version,
                        event.assignToOncall() ? AssignmentState.PENDING.wireName() : null)
                .update();
    }

    void recordRepeat(long incidentId, int occurrences, Instant at, long version) {
        jdbc.sql("UPDATE incident_view SET occurrences = ?, updated_at = ?, version = ? WHERE id = ?")
                .params(occurrences, Timestamp.from(at), version, incidentId)
                .update();
    }

    void changeSeverity(long incidentId, Severity severity, Instant at, long version) {
        jdbc.sql("UPDATE incident_view SET severity = ?, updated_at = ?, version = ? WHERE id = ?")
                .params(severity.level(), Timestamp.from(at), version, incidentId)
                .update();
    }

    void assign(long incidentId, AssignedUser assignee, Instant at, long version) {
        jdbc.sql("""
                        UPDATE incident_view SET assigned_user_id = ?, assigned_user_name = ?, assigned_user_email = ?,
                            assignment = ?, updated_at = ?, version = ?
                        WHERE id = ?""")
                .params(assignee.id(), assignee.name(), assignee.email(), AssignmentState.ASSIGNED.wireName(),
                        Timestamp.from(at), version, incidentId)
                .update();
    }

    void changeAssignment(long incidentId, AssignmentState assignment, Instant at, long version) {
        jdbc.sql("UPDATE incident_view SET assignment = ?, updated_at = ?, version = ? WHERE id = ?")
                .params(assignment.wireName(), Timestamp.from(at), version, incidentId)
                .update();
    }

    Optional<IncidentView> find(long incidentId) {
        return jdbc.sql("""
                        SELECT id, team_id, title, description, severity, status, source, external_id, metadata, tags,
                               occurrences, previous_incident_id, created_at, updated_at, version,
                               assigned_user_id, assigned_user_name, assigned_user_email, assignment
                        FROM incident_view WHERE id = ?""")
                .param(incidentId)
                .query(this::view)
                .optional();
    }

    void deleteAll() {
        jdbc.sql("DELETE FROM incident_view").update();
    }

    private IncidentView view(ResultSet rs, int row) throws SQLException {
        long id = rs.getLong("id");
        return new IncidentView(id, rs.getLong("team_id"), rs.getString("title"), rs.getString("description"),
                Severity.ofLevel(rs.getInt("severity")).label(), rs.getString("status"), assignee(rs),
                rs.getString("assignment"),
                rs.getString("source"), rs.getString("external_id"), read(rs.getString("metadata"), METADATA),
                read(rs.getString("tags"), TAGS), rs.getInt("occurrences"),
                (Long) rs.getObject("previous_incident_id", Long.class), seconds(rs.getTimestamp("created_at")),
                seconds(rs.getTimestamp("updated_at")), IncidentView.pageUrl(publicUrl, id), rs.getLong("version"));
    }

    private static AssignedUser assignee(ResultSet rs) throws SQLException {
        Long id = rs.getObject("assigned_user_id", Long.class);
        return id == null ? null : new AssignedUser(id, rs.getString("assigned_user_name"), rs.getString("assigned_user_email"));
    }

    private static Instant seconds(Timestamp timestamp) {
        return timestamp.toInstant().truncatedTo(ChronoUnit.SECONDS);
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
            throw new IllegalStateException("incident_view holds JSON that does not parse: " + value, e);
        }
    }
}
