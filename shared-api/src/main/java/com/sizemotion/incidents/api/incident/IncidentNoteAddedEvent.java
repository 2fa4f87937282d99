package com.sizemotion.incidents.api.incident;

import com.sizemotion.incidents.api.access.Actor;

import java.time.Instant;

/** Someone wrote a note on the incident's timeline. */
public record IncidentNoteAddedEvent(String incidentKey, long incidentId, String body, Instant at, Actor actor) implements IncidentEvent {
}
