package com.sizemotion.incidents.api.incident;

import com.sizemotion.incidents.api.access.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Marks the incident acknowledged; answered with an {@link IncidentChangeResult}. */
public record AcknowledgeIncidentCommand(@TargetAggregateIdentifier String incidentKey, String note, Instant at, Actor actor) {
}
