package com.sizemotion.incidents.api.incident;

import com.sizemotion.incidents.api.access.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Marks the incident reopened; answered with an {@link IncidentChangeResult}. */
public record ReopenIncidentCommand(@TargetAggregateIdentifier String incidentKey, String note, Instant at, Actor actor) {
}
