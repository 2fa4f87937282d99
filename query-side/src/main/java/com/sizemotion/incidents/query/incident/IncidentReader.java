package com.sizemotion.incidents.query.incident;

import org.axonframework.config.EventProcessingConfiguration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * An incident as readers see it now. The read model's row, unless it cannot be trusted: an
 * incident with events in the projection's dead-letter queue (its row is then missing or behind) is
 * folded from its event stream, and so is, for readers of one incident, an incident the read model
 * has no row for yet (its projection is behind, after a database outage or on another node), so
 * that an incident the API acknowledged is always readable.
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

    /** The incident for a reader of this one incident: as {@link #projected}, or folded from its events while it has no row. */
    Optional<IncidentState> current(long incidentId) {
        Optional<IncidentState> projected = projected(incidentId);
        return projected.isPresent() ? projected : keyOf(incidentId).flatMap(history::current);
    }

    /**
     * The incident as the read model has it, or will have it once its dead letters are retried:
     * what a create waits for, so that search and reports show the incident when it answers.
     */
    Optional<IncidentState> projected(long incidentId) {
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
