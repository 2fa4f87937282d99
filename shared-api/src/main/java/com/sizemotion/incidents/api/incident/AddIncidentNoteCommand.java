package com.sizemotion.incidents.api.incident;

import com.sizemotion.incidents.api.access.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Adds a note to the incident's timeline. */
public record AddIncidentNoteCommand(@TargetAggregateIdentifier String incidentKey, String body, Instant at, Actor actor) {
}
