package com.sizemotion.incidents.api.incident;

/** Asks the read model for one incident by its public id; answered with an {@link IncidentView}. */
public record FindIncidentQuery(long incidentId) {
}
