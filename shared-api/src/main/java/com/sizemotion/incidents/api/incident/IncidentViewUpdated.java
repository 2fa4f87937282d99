package com.sizemotion.incidents.api.incident;

/**
 * Told inside one node, after the read model committed a change: the incident's view now stands
 * at {@code version}. Lets a request that just changed the incident answer from the read model as
 * soon as it has caught up, without reading it back.
 *
 * @param view the view as committed, or {@code null} when this node found the change already
 *             applied (a rebuilt table took over) and wrote nothing
 */
public record IncidentViewUpdated(long incidentId, long version, IncidentView view) {
}
