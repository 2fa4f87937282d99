package com.sizemotion.incidents.query.incident;

import com.sizemotion.incidents.api.access.Caller;
import com.sizemotion.incidents.api.incident.IncidentView;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import java.util.List;
import java.util.Map;

import static org.springframework.web.util.HtmlUtils.htmlEscape;

/**
 * The page each incident's {@code url} points to: {@code /incidents/{id}}, the incident and its
 * history as plain, accessible HTML for people who follow the link from an alert.
 */
@RestController
class IncidentPageController {

    private final IncidentViewRepository views;
    private final IncidentReader reader;
    private final IncidentHistory history;

    IncidentPageController(IncidentViewRepository views, IncidentReader reader, IncidentHistory history) {
        this.views = views;
        this.reader = reader;
        this.history = history;
    }

    @GetMapping(path = "/incidents/{id}", produces = MediaType.TEXT_HTML_VALUE)
    String page(@PathVariable String id, Caller caller) {
        IncidentState state = caller.visible(IncidentIds.parse(id).flatMap(reader::current), IncidentState::teamId)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "Incident not found."));
        IncidentView incident = state.toView(views.publicUrl());
        StringBuilder html = new StringBuilder("""
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
                <title>Incident %d: %s</title>
                <style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.5}
                th{text-align:left;padding-right:1rem;vertical-align:top}td,th{border-bottom:1px solid #ddd;padding:.3rem}
                table{border-collapse:collapse;width:100%%}</style></head><body>
                <main><h1>Incident %d: %s</h1>
                <table aria-label="Incident details"><tbody>
                """.formatted(incident.id(), htmlEscape(incident.title()), incident.id(), htmlEscape(incident.title())));
        row(html, "Status", incident.status());
        row(html, "Severity", incident.severity());
        row(html, "Team", Long.toString(incident.teamId()));
        row(html, "Assigned to", incident.assignedTo() == null ? "nobody" : incident.assignedTo().name() + " <" + incident.assignedTo().email() + ">");
        row(html, "Source", incident.source());
        row(html, "External id", incident.externalId());
        row(html, "Occurrences", Integer.toString(incident.occurrences()));
        row(html, "Created", String.valueOf(incident.createdAt()));
        row(html, "Acknowledged", incident.acknowledgedAt() == null ? null : incident.acknowledgedAt().toString());
        row(html, "Resolved", incident.resolvedAt() == null ? null : incident.resolvedAt().toString());
        row(html, "Tags", String.join(", ", incident.tags()));
        row(html, "Description", incident.description());
        html.append("</tbody></table>\n<h2>History</h2>\n<ol>\n");
        for (IncidentHistory.Entry entry : history.entries(state.incidentKey())) {
            html.append("<li><time datetime=\"").append(entry.at()).append("\">").append(entry.at()).append("</time> ")
                    .append("<strong>").append(htmlEscape(entry.type().replace('_', ' '))).append("</strong> by ")
                    .append(htmlEscape(String.valueOf(entry.actor().get("name")))).append(details(entry.details()))
                    .append("</li>\n");
        }
        return html.append("</ol></main></body></html>\n").toString();
    }

    private static void row(StringBuilder html, String label, String value) {
        if (value != null && !value.isBlank()) {
            html.append("<tr><th scope=\"row\">").append(label).append("</th><td>").append(htmlEscape(value)).append("</td></tr>\n");
        }
    }

    private static String details(Map<String, Object> details) {
        if (details.isEmpty()) {
            return "";
        }
        List<String> parts = details.entrySet().stream()
                .map(e -> htmlEscape(e.getKey().replace('_', ' ') + ": "
                        + (e.getValue() instanceof Map<?, ?> person ? person.get("name") : e.getValue()))).toList();
        return " — " + String.join("; ", parts);
    }
}
