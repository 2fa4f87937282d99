package com.sizemotion.incidents.api.incident;

/** Every event of the {@code Incident} aggregate names the incident by its key and its public id. */
public interface IncidentEvent {

    String incidentKey();

    long incidentId();
}
