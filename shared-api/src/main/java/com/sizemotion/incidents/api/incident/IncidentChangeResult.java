package com.sizemotion.incidents.api.incident;

/**
 * What a lifecycle command did.
 *
 * @param changed {@code false} when the change was already in effect and no event was written
 * @param version sequence number of the incident's last event after the command
 */
public record IncidentChangeResult(long incidentId, long version, boolean changed) {
}
