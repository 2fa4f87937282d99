package com.sizemotion.incidents.query.incident;

import com.sizemotion.incidents.api.incident.IncidentCreatedEvent;
import com.sizemotion.incidents.api.incident.IncidentEvent;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * Applies incident events to a read-model table through {@link IncidentEvolution}. Every write is
 * idempotent: a rebuilt table takes over with every event up to the swap, and the live projection
 * may then offer some of them again.
 */
@Component
class IncidentViewWriter {

    private final IncidentViewRepository views;

    IncidentViewWriter(IncidentViewRepository views) {
        this.views = views;
    }

    /** @return the row as written, or empty when the table had this version already and nothing was written */
    Optional<IncidentState> applyLive(IncidentEvent event, long version) {
        if (event instanceof IncidentCreatedEvent created) {
            IncidentState state = IncidentEvolution.created(created, version);
            return views.insertIfAbsent(IncidentViewRepository.LIVE_TABLE, state) ? Optional.of(state) : Optional.empty();
        }
        return views.load(IncidentViewRepository.LIVE_TABLE, event.incidentId())
                .filter(state -> state.version() < version)
                .flatMap(state -> IncidentEvolution.apply(state, event, version))
                .filter(state -> views.update(IncidentViewRepository.LIVE_TABLE, state));
    }

    /** Applies the event only when it is the next one the table's row lacks (the rebuild's replay). */
    void applyInOrder(String table, IncidentEvent event, long version) {
        var current = views.load(table, event.incidentId());
        if (event instanceof IncidentCreatedEvent created) {
            if (current.isEmpty()) {
                views.insertIfAbsent(table, IncidentEvolution.created(created, version));
            }
            return;
        }
        current.filter(state -> state.version() + 1 == version)
                .flatMap(state -> IncidentEvolution.apply(state, event, version))
                .ifPresent(state -> views.update(table, state));
    }
}
