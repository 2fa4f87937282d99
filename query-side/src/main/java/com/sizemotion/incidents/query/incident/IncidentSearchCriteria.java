package com.sizemotion.incidents.query.incident;

import com.sizemotion.incidents.api.incident.IncidentStatus;
import com.sizemotion.incidents.api.incident.Severity;
import com.sizemotion.incidents.api.web.FieldErrors;
import com.sizemotion.incidents.api.web.InstantRange;
import com.sizemotion.incidents.query.support.QueryParameters;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The filters of {@code GET /api/v1/incidents}, validated. Lists (status, severity) are
 * comma-separated; instants are ISO-8601, and a plain date means its start (UTC).
 *
 * @param after the cursor: only incidents that sort after this (created_at, id) position
 */
record IncidentSearchCriteria(
        Long teamId,
        List<IncidentStatus> statuses,
        List<Severity> severities,
        String source,
        String tag,
        Long assignedTo,
        String externalId,
        Instant createdFrom,
        Instant createdTo,
        String text,
        Cursor after,
        int perPage) {

    static final int DEFAULT_PER_PAGE = 25;
    static final int MAX_PER_PAGE = 100;
    static final Set<String> PARAMETERS = Set.of("team_id", "status", "severity", "source", "tag", "assigned_to",
            "external_id", "created_from", "created_to", "q", "cursor", "per_page");
    private static final Pattern SEVERITY = Pattern.compile("(?i)^\\s*(?:sev\\s*)?([1-4])\\s*$");

    /** A position in the newest-first order: the (created_at, id) of the last incident of a page. */
    record Cursor(Instant createdAt, long id) {

        String encode() {
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString((createdAt.getEpochSecond() + "." + createdAt.getNano() + ":" + id).getBytes(StandardCharsets.US_ASCII));
        }

        static Cursor decode(String text) {
            String[] parts = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.US_ASCII).split("[.:]");
            Instant createdAt = Instant.ofEpochSecond(Long.parseLong(parts[0]), Long.parseLong(parts[1]));
            if (!InstantRange.contains(createdAt)) {
                throw new IllegalArgumentException("A cursor outside the instants the API holds: " + createdAt);
            }
            return new Cursor(createdAt, Long.parseLong(parts[2]));
        }
    }

    static IncidentSearchCriteria parse(Map<String, String> parameters) {
        FieldErrors errors = new FieldErrors();
        QueryParameters.rejectUnknown(parameters, PARAMETERS, errors);
        IncidentSearchCriteria criteria = new IncidentSearchCriteria(
                integer(parameters, "team_id", errors),
                statuses(parameters.get("status"), errors),
                severities(parameters.get("severity"), errors),
                blankToNull(parameters.get("source")),
                blankToNull(parameters.get("tag")),
                integer(parameters, "assigned_to", errors),
                blankToNull(parameters.get("external_id")),
                QueryParameters.instantOrDate(parameters.get("created_from"), "created_from", errors),
                QueryParameters.instantOrDate(parameters.get("created_to"), "created_to", errors),
                blankToNull(parameters.get("q")),
                cursor(parameters.get("cursor"), errors),
                perPage(parameters.get("per_page"), errors));
        errors.throwIfAny();
        return criteria;
    }

    private static List<IncidentStatus> statuses(String value, FieldErrors errors) {
        List<IncidentStatus> statuses = new ArrayList<>();
        for (String name : items(value)) {
            IncidentStatus.fromWireName(name.toLowerCase()).ifPresentOrElse(statuses::add, () ->
                    errors.add("status", "The selected status " + name + " is invalid. It must be one of: open, acknowledged, resolved."));
        }
        return statuses;
    }

    private static List<Severity> severities(String value, FieldErrors errors) {
        List<Severity> severities = new ArrayList<>();
        for (String item : items(value)) {
            Matcher matcher = SEVERITY.matcher(item);
            if (matcher.matches()) {
                severities.add(Severity.ofLevel(Integer.parseInt(matcher.group(1))));
            } else {
                errors.add("severity", "The severity must be one of: 1, 2, 3, 4.");
            }
        }
        return severities;
    }

    private static List<String> items(String value) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        return List.of(value.trim().split("\\s*,\\s*"));
    }

    private static Long integer(Map<String, String> parameters, String name, FieldErrors errors) {
        String value = blankToNull(parameters.get(name));
        if (value == null) {
            return null;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            errors.add(name, "The " + name.replace('_', ' ') + " must be an integer.");
            return null;
        }
    }

    private static Cursor cursor(String value, FieldErrors errors) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Cursor.decode(value.trim());
        } catch (RuntimeException e) {
            errors.add("cursor", "The cursor is not one this API handed out; use meta.next_cursor of the previous page.");
            return null;
        }
    }

    private static int perPage(String value, FieldErrors errors) {
        if (value == null || value.isBlank()) {
            return DEFAULT_PER_PAGE;
        }
        try {
            int perPage = Integer.parseInt(value.trim());
            if (perPage >= 1 && perPage <= MAX_PER_PAGE) {
                return perPage;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        errors.add("per_page", "The per page must be an integer between 1 and " + MAX_PER_PAGE + ".");
        return DEFAULT_PER_PAGE;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
