package com.sizemotion.incidents.api.incident;

import com.sizemotion.incidents.api.access.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Marks the incident resolved; answered with an {@link IncidentChangeResult}. */
public record ResolveIncidentCommand(@TargetAggregateIdentifier String incidentKey, String note, Instant at, Actor actor) {
}
