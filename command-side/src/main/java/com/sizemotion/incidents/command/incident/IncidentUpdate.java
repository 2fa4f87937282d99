package com.sizemotion.incidents.command.incident;

import com.sizemotion.incidents.api.incident.Severity;

import java.util.List;

/** A validated {@code PATCH /api/v1/incidents/{id}}: {@code null} means "leave as it is", except for the description. */
record IncidentUpdate(String title, boolean descriptionGiven, String description, Severity severity, List<String> tags) {
}
