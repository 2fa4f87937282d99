package com.sizemotion.incidents.api.incident;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An incident as the read model holds it and clients see it (property names are rendered in
 * snake_case by the web layer).
 *
 * @param severity rendered as {@code "Sev N"}
 * @param status   {@code open}, {@code acknowledged} or {@code resolved}
 * @param assignment where the on-call assignment stands ({@link AssignmentState}, lower-case), or
 *                 {@code null} when the incident did not ask for one
 * @param acknowledgedAt when it was first acknowledged
 * @param resolvedAt     when it was resolved; cleared when it is reopened
 * @param url      the incident's page
 * @param version  sequence number of the last event applied to this view
 */
public record IncidentView(
        long id,
        long teamId,
        String title,
        String description,
        String severity,
        String status,
        AssignedUser assignedTo,
        String assignment,
        String source,
        String externalId,
        Map<String, Object> metadata,
        List<String> tags,
        int occurrences,
        Long previousIncidentId,
        Instant createdAt,
        Instant updatedAt,
        Instant acknowledgedAt,
        Instant resolvedAt,
        String url,
        @JsonIgnore long version) {

    /** Whether the on-call assignment was asked for and has not been recorded yet. */
    public boolean awaitsAssignment() {
        return AssignmentState.PENDING.wireName().equals(assignment);
    }

    /** The incident's page: {@code {public url}/incidents/{id}}. */
    public static String pageUrl(String publicUrl, long id) {
        String base = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
        return base + "/incidents/" + id;
    }
}
