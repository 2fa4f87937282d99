package com.sizemotion.incidents.api.incident;

/**
 * Told inside one node, after the read model committed a change: the incident's view now stands
 * at {@code version}. Lets a request that just changed the incident answer from the read model as
 * soon as it has caught up.
 */
public record IncidentViewUpdated(long incidentId, long version) {
}
