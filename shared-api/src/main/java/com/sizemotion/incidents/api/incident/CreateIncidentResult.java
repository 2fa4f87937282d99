package com.sizemotion.incidents.api.incident;

/**
 * What a {@link CreateIncidentCommand} did.
 *
 * @param incidentId public id of the incident that was created or repeated
 * @param version    sequence number of the last event the command produced; the read model has
 *                   caught up with the command once its version reaches this number
 */
public record CreateIncidentResult(Outcome outcome, long incidentId, long version) {

    public enum Outcome {
        CREATED,
        REPEATED,
        /** The key names an incident that is resolved already: the caller must use the next generation. */
        ALREADY_RESOLVED
    }
}
