package com.sizemotion.incidents.command.incident;

import com.sizemotion.incidents.api.incident.IncidentStatus;
import com.sizemotion.incidents.api.incident.Severity;

import java.util.List;
import java.util.Map;

/** A validated request to open an incident, as the API document describes its fields. */
public record IncidentRequest(
        long teamId,
        String title,
        Severity severity,
        String description,
        String source,
        String externalId,
        Map<String, Object> metadata,
        List<String> tags,
        boolean assignToOncall,
        Long oncallScheduleId,
        IncidentStatus status) {
}
