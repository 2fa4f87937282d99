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

    void insert(String incidentKey, long incidentId, long teamId, String externalId, int generation, boolean resolved) {
        jdbc.sql("""
                        INSERT INTO incident_lookup (incident_key, incident_id, team_id, external_id, generation, resolved)
                        VALUES (?, ?, ?, ?, ?, ?)""")
                .params(incidentKey, incidentId, teamId, externalId, generation, resolved)
                .update();
    }
}
