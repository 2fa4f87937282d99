package com.sizemotion.incidents.command.incident;

import com.sizemotion.incidents.api.incident.IncidentCreatedEvent;
import com.sizemotion.incidents.api.incident.IncidentKey;
import com.sizemotion.incidents.api.incident.IncidentReopenedEvent;
import com.sizemotion.incidents.api.incident.IncidentResolvedEvent;
import com.sizemotion.incidents.api.incident.IncidentStatus;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

/**
 * Keeps {@link IncidentLookupRepository} current. Runs in the subscribing processor group
 * {@value #PROCESSING_GROUP}, i.e. inside the transaction that appends the events.
 */
@Component
@ProcessingGroup(IncidentLookupUpdater.PROCESSING_GROUP)
class IncidentLookupUpdater {

    static final String PROCESSING_GROUP = "incident-lookup";

    private final IncidentLookupRepository lookup;

    IncidentLookupUpdater(IncidentLookupRepository lookup) {
        this.lookup = lookup;
    }

    @EventHandler
    void on(IncidentResolvedEvent event) {
        lookup.markResolved(event.incidentKey(), true);
    }

    @EventHandler
    void on(IncidentReopenedEvent event) {
        lookup.markResolved(event.incidentKey(), false);
    }

    @EventHandler
    void on(IncidentCreatedEvent event) {
        lookup.insert(event.incidentKey(), event.incidentId(), event.teamId(), event.externalId(),
                IncidentKey.generationOf(event.incidentKey()), event.status() == IncidentStatus.RESOLVED);
    }
}
