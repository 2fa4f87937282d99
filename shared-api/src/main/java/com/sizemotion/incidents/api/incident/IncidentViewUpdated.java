package com.sizemotion.incidents.api.incident;

/**
 * Told inside one node, after the read model committed a change: the incident's view now stands
 * at {@code version}. Lets a request that just changed the incident answer from the read model as
 * soon as it has caught up, without reading it back.
 *
 * @param view the view as committed, or {@code null} when this node wrote nothing: it found the
 *             change already applied (a rebuilt table took over), or could not apply it and
 *             dead-lettered the event (the incident is then read from its events)
 */
public record IncidentViewUpdated(long incidentId, long version, IncidentView view) {
}
