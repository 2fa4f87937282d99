package com.sizemotion.incidents.command.incident;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.util.Optional;

/**
 * The command side's own index of incidents: which aggregate holds a public id, and which
 * generation of a (team, external id) pair is the current one. Written in the same transaction as
 * the events it reflects, so it is never behind the event store.
 */
@Repository
public class IncidentLookupRepository {

    /** The newest incident opened for one (team, external id) pair. */
    public record LatestGeneration(long incidentId, int generation, boolean resolved) {
    }

    /** Where an incident's events live, and what it deduplicates on. */
    public record IncidentRef(long incidentId, String incidentKey, long teamId, String externalId) {
    }

    private final JdbcClient jdbc;

    IncidentLookupRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<LatestGeneration> latestGeneration(long teamId, String externalId) {
        return jdbc.sql("""
                        SELECT incident_id, generation, resolved FROM incident_lookup
                        WHERE team_id = ? AND external_id = ?
                        ORDER BY generation DESC LIMIT 1""")
                .params(teamId, externalId)
                .query((rs, row) -> new LatestGeneration(rs.getLong(1), rs.getInt(2), rs.getBoolean(3)))
                .optional();
    }

    public Optional<IncidentRef> find(long incidentId) {
        return jdbc.sql("SELECT incident_id, incident_key, team_id, external_id FROM incident_lookup WHERE incident_id = ?")
                .param(incidentId)
                .query((rs, row) -> new IncidentRef(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4)))
                .optional();
    }

    void markResolved(String incidentKey, boolean resolved) {
        jdbc.sql("UPDATE incident_lookup SET resolved = ? WHERE incident_key = ?").params(resolved, incidentKey).update();
    }

    void insert(String incidentKey, long incidentId, long teamId, String externalId, int generation, boolean resolved) {
        jdbc.sql("""
                        INSERT INTO incident_lookup (incident_key, incident_id, team_id, external_id, generation, resolved)
                        VALUES (?, ?, ?, ?, ?, ?)""")
                .params(incidentKey, incidentId, teamId, externalId, generation, resolved)
                .update();
    }
}
