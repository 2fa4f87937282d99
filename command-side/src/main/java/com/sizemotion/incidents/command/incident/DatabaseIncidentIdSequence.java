package com.sizemotion.incidents.command.incident;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Public incident ids from the {@code incident_id_seq} database sequence; gaps after a rollback are harmless. */
@Component
class DatabaseIncidentIdSequence implements IncidentIdSequence {

    private final JdbcClient jdbc;

    DatabaseIncidentIdSequence(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public long next() {
        return jdbc.sql("SELECT nextval('incident_id_seq')").query(Long.class).single();
    }
}
