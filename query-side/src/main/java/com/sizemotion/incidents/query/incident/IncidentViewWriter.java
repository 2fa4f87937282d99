package com.sizemotion.incidents.query.incident;

import com.sizemotion.incidents.api.incident.IncidentCreatedEvent;
import com.sizemotion.incidents.api.incident.IncidentEvent;
import org.springframework.stereotype.Component;

/**
 * Applies incident events to a read-model table through {@link IncidentEvolution}. The live
 * projection writes the live table, and also the rebuild table while a rebuild runs, so that
 * nothing written during a rebuild is missing once the rebuilt table takes over.
 */
@Component
class IncidentViewWriter {

    private final IncidentViewRepository views;
    private final IncidentViewRebuildState rebuildState;

    IncidentViewWriter(IncidentViewRepository views, IncidentViewRebuildState rebuildState) {
        this.views = views;
        this.rebuildState = rebuildState;
    }

    void applyLive(IncidentEvent event, long version) {
        if (event instanceof IncidentCreatedEvent created) {
            views.insert(IncidentViewRepository.LIVE_TABLE, IncidentEvolution.created(created, version));
        } else {
            views.load(IncidentViewRepository.LIVE_TABLE, event.incidentId())
                    .filter(state -> state.version() < version)
                    .flatMap(state -> IncidentEvolution.apply(state, event, version))
                    .ifPresent(state -> views.update(IncidentViewRepository.LIVE_TABLE, state));
        }
        if (rebuildState.isRunning()) {
            applyInOrder(IncidentViewRepository.REBUILD_TABLE, event, version);
        }
    }

    /**
     * Applies the event only when it is the next one the table's row lacks: the rebuild's replay
     * and the live projection may both offer it, in either order, and it must count once.
     */
    void applyInOrder(String table, IncidentEvent event, long version) {
        var current = views.load(table, event.incidentId());
        if (event instanceof IncidentCreatedEvent created) {
            if (current.isEmpty()) {
                views.insert(table, IncidentEvolution.created(created, version));
            }
            return;
        }
        current.filter(state -> state.version() + 1 == version)
                .flatMap(state -> IncidentEvolution.apply(state, event, version))
                .ifPresent(state -> views.update(table, state));
    }
}
