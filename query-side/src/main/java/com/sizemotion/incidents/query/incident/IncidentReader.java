package com.sizemotion.incidents.query.incident;

import org.axonframework.config.EventProcessingConfiguration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * An incident as readers see it now: the read model's row, unless the row cannot be trusted. An
 * incident the read model has no row for yet (its projection is behind, after a database outage or
 * on another node) or one with events in the projection's dead-letter queue (its row is then
 * behind) is folded from its event stream instead, so that an incident the API has acknowledged
 * is always readable.
 */
@Component
class IncidentReader {

    private final IncidentViewRepository views;
    private final IncidentHistory history;
    private final EventProcessingConfiguration processing;
    private final JdbcClient jdbc;

    IncidentReader(IncidentViewRepository views, IncidentHistory history, EventProcessingConfiguration processing,
                   JdbcClient jdbc) {
        this.views = views;
        this.history = history;
        this.processing = processing;
        this.jdbc = jdbc;
    }

    Optional<IncidentState> current(long incidentId) {
        Optional<IncidentState> row = views.load(IncidentViewRepository.LIVE_TABLE, incidentId);
        if (row.isEmpty()) {
            return keyOf(incidentId).flatMap(history::current);
        }
        String incidentKey = row.get().incidentKey();
        return deadLettered(incidentKey) ? history.current(incidentKey) : row;
    }

    private boolean deadLettered(String incidentKey) {
        return processing.deadLetterQueue(IncidentProjection.PROCESSING_GROUP)
                .map(queue -> queue.contains(incidentKey))
                .orElse(false);
    }

    /** The aggregate of an incident the read model has no row for, from the ids handed out with its creation. */
    private Optional<String> keyOf(long incidentId) {
        return jdbc.sql("SELECT incident_key FROM incident_lookup WHERE incident_id = ?").param(incidentId)
                .query(String.class).optional();
    }
}
