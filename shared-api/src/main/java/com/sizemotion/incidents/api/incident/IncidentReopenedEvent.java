package com.sizemotion.incidents.api.incident;

import com.sizemotion.incidents.api.access.Actor;

import java.time.Instant;

/** The incident was reopened, optionally with a note saying why. */
public record IncidentReopenedEvent(String incidentKey, long incidentId, String note, Instant at, Actor actor) implements IncidentEvent {
}
