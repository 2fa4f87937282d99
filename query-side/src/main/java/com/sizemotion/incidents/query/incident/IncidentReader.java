package com.sizemotion.incidents.query.incident;

import org.axonframework.config.EventProcessingConfiguration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * An incident as readers see it now: the read model's row, unless the projection could not apply
 * one of its events. Such an incident has events in the projection's dead-letter queue (its row
 * is then missing or behind), and is folded from its event stream instead, so that it stays
 * readable until an admin retries or drops the dead letters.
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
        Optional<String> incidentKey = row.map(IncidentState::incidentKey).or(() -> keyOf(incidentId));
        if (incidentKey.isEmpty() || !deadLettered(incidentKey.get())) {
            return row;
        }
        return history.current(incidentKey.get());
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
