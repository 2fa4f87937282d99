package com.sizemotion.incidents.query.incident;

import com.sizemotion.incidents.api.incident.IncidentStatus;
import com.sizemotion.incidents.api.incident.Severity;
import com.sizemotion.incidents.query.support.DatabaseKind;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Finds incidents in the read model, newest first, one page after a cursor. On PostgreSQL the text
 * and tag filters use the full-text and JSON indexes of {@code V7__incident_search_indexes}.
 */
@Repository
class IncidentSearch {

    private final JdbcClient jdbc;
    private final IncidentViewRepository views;
    private final DatabaseKind database;

    IncidentSearch(JdbcClient jdbc, IncidentViewRepository views, DatabaseKind database) {
        this.jdbc = jdbc;
        this.views = views;
        this.database = database;
    }

    /**
     * @param visibleTeams the caller's teams; {@code null} for every team
     * @return up to {@code perPage + 1} incidents: one more than the page tells whether another page follows
     */
    List<IncidentState> find(IncidentSearchCriteria criteria, Set<Long> visibleTeams) {
        if (visibleTeams != null && visibleTeams.isEmpty()) {
            return List.of();
        }
        List<String> conditions = new ArrayList<>();
        List<Object> parameters = new ArrayList<>();
        if (visibleTeams != null) {
            conditions.add("team_id IN (" + placeholders(visibleTeams) + ")");
            parameters.addAll(visibleTeams);
        }
        equal(conditions, parameters, "team_id", criteria.teamId());
        if (!criteria.statuses().isEmpty()) {
            conditions.add("status IN (" + placeholders(criteria.statuses()) + ")");
            criteria.statuses().stream().map(IncidentStatus::wireName).forEach(parameters::add);
        }
        if (!criteria.severities().isEmpty()) {
            conditions.add("severity IN (" + placeholders(criteria.severities()) + ")");
            criteria.severities().stream().map(Severity::level).forEach(parameters::add);
        }
        equal(conditions, parameters, "source", criteria.source());
        equal(conditions, parameters, "external_id", criteria.externalId());
        equal(conditions, parameters, "assigned_user_id", criteria.assignedTo());
        if (criteria.tag() != null) {
            String jsonTag = "\"" + criteria.tag().replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
            if (database.isPostgres()) {
                conditions.add("tags::jsonb @> CAST(? AS jsonb)");
                parameters.add("[" + jsonTag + "]");
            } else {
                conditions.add("tags LIKE ?");
                parameters.add("%" + jsonTag + "%");
            }
        }
        if (criteria.text() != null) {
            if (database.isPostgres()) {
                conditions.add("to_tsvector('simple', title || ' ' || coalesce(description, '')) @@ plainto_tsquery('simple', ?)");
                parameters.add(criteria.text());
            } else {
                conditions.add("(lower(title) LIKE ? OR lower(description) LIKE ?)");
                String like = "%" + criteria.text().toLowerCase() + "%";
                parameters.add(like);
                parameters.add(like);
            }
        }
        if (criteria.createdFrom() != null) {
            conditions.add("created_at >= ?");
            parameters.add(Timestamp.from(criteria.createdFrom()));
        }
        if (criteria.createdTo() != null) {
            conditions.add("created_at < ?");
            parameters.add(Timestamp.from(criteria.createdTo()));
        }
        if (criteria.after() != null) {
            conditions.add("(created_at < ? OR (created_at = ? AND id < ?))");
            Timestamp at = Timestamp.from(criteria.after().createdAt());
            parameters.add(at);
            parameters.add(at);
            parameters.add(criteria.after().id());
        }
        String where = conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
        return jdbc.sql("SELECT " + IncidentViewRepository.COLUMNS + " FROM " + IncidentViewRepository.LIVE_TABLE + where
                        + " ORDER BY created_at DESC, id DESC LIMIT " + (criteria.perPage() + 1))
                .params(parameters)
                .query(views::state)
                .list();
    }

    private static void equal(List<String> conditions, List<Object> parameters, String column, Object value) {
        if (value != null) {
            conditions.add(column + " = ?");
            parameters.add(value);
        }
    }

    private static String placeholders(Collection<?> values) {
        return values.stream().map(v -> "?").collect(Collectors.joining(", "));
    }
}
