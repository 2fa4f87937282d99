package com.sizemotion.incidents.api.incident;

import com.sizemotion.incidents.api.access.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.List;

/**
 * Changes an incident's details. A {@code null} field stays as it is, except the description,
 * which is replaced whenever {@code descriptionGiven} (so that it can be cleared).
 */
public record UpdateIncidentCommand(
        @TargetAggregateIdentifier String incidentKey,
        String title,
        boolean descriptionGiven,
        String description,
        Severity severity,
        List<String> tags,
        Instant at,
        Actor actor) {
}
