package com.sizemotion.incidents.command.incident;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sizemotion.incidents.api.incident.IncidentStatus;
import com.sizemotion.incidents.api.incident.Severity;
import com.sizemotion.incidents.api.web.FieldErrors;
import com.sizemotion.incidents.command.web.JsonBodyRules;
import com.sizemotion.incidents.command.web.JsonFields;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Validates the body of {@code POST /api/v1/incidents} field by field, with every message of the
 * API document, and collects all problems before answering.
 */
@Component
class IncidentRequestParser {

    static final int TITLE_MAX = 255;
    static final int DESCRIPTION_MAX = 65_535;
    static final int SOURCE_MAX = 100;
    static final int EXTERNAL_ID_MAX = 255;
    static final int METADATA_MAX_BYTES = 16_384;
    static final int METADATA_MAX_DEPTH = 32;
    static final int TAGS_MAX = 20;
    static final int TAG_MAX = 50;

    private static final Set<String> FIELDS = Set.of("team_id", "title", "severity", "description", "source",
            "external_id", "metadata", "tags", "assign_to_oncall", "oncall_schedule_id", "status");
    private static final Set<String> UPDATABLE_FIELDS = Set.of("title", "description", "severity", "tags");
    private static final Pattern SEVERITY = Pattern.compile("(?i)^\\s*(?:sev\\s*)?([1-4])\\s*$");
    private static final String SEVERITY_MESSAGE = "The severity must be one of: 1, 2, 3, 4.";

    private final ObjectMapper objectMapper;

    IncidentRequestParser(ObjectMapper objectMapper) {
        this.objectMapper = objectMapper;
    }

    IncidentRequest parse(JsonNode body) {
        FieldErrors errors = new FieldErrors();
        requireObject(body, errors);
        JsonFields fields = new JsonFields(body, errors);
        fields.rejectUnknown(FIELDS);
        Long teamId = fields.requiredInteger("team_id");
        String title = fields.requiredString("title", TITLE_MAX);
        Severity severity = requiredSeverity(fields);
        String description = fields.optionalString("description", DESCRIPTION_MAX);
        String source = fields.optionalString("source", SOURCE_MAX);
        String externalId = fields.optionalString("external_id", EXTERNAL_ID_MAX);
        Map<String, Object> metadata = metadata(fields);
        List<String> tags = Objects.requireNonNullElse(tags(fields), List.of());
        boolean assignToOncall = fields.optionalBoolean("assign_to_oncall");
        Long oncallScheduleId = fields.optionalInteger("oncall_schedule_id");
        if (assignToOncall && oncallScheduleId == null && !errors.has("oncall_schedule_id")) {
            errors.add("oncall_schedule_id",
                    "The oncall schedule id field is required when assign to oncall is true.");
        }
        IncidentStatus status = status(fields);
        errors.throwIfAny();
        return new IncidentRequest(teamId, title, severity, description, source, externalId, metadata, tags,
                assignToOncall, oncallScheduleId, status);
    }

    /** The body of {@code PATCH /api/v1/incidents/{id}}: any of title, description, severity and tags. */
    IncidentUpdate parseUpdate(JsonNode body) {
        FieldErrors errors = new FieldErrors();
        requireObject(body, errors);
        JsonFields fields = new JsonFields(body, errors);
        fields.rejectUnknown(UPDATABLE_FIELDS);
        if (body.has("title") && fields.given("title") == null) {
            errors.add("title", "The title field must not be empty.");
        }
        String title = fields.optionalString("title", TITLE_MAX);
        boolean descriptionGiven = body.has("description");
        String description = fields.optionalString("description", DESCRIPTION_MAX);
        Severity severity = optionalSeverity(fields);
        List<String> tags = tags(fields);
        if (body.isEmpty()) {
            errors.add("body", "Give at least one of: title, description, severity, tags.");
        }
        errors.throwIfAny();
        return new IncidentUpdate(title, descriptionGiven, description, severity, tags);
    }

    private static void requireObject(JsonNode body, FieldErrors errors) {
        if (body == null || !body.isObject()) {
            errors.add("body", "The request body must be a JSON object.");
            errors.throwIfAny();
        }
    }

    private static Severity requiredSeverity(JsonFields fields) {
        if (fields.given("severity") == null) {
            fields.errors().add("severity", "The severity field is required.");
            return null;
        }
        return optionalSeverity(fields);
    }

    private static Severity optionalSeverity(JsonFields fields) {
        JsonNode node = fields.given("severity");
        if (node == null) {
            return null;
        }
        if (node.isIntegralNumber() && node.canConvertToInt() && node.asInt() >= 1 && node.asInt() <= 4) {
            return Severity.ofLevel(node.asInt());
        }
        if (node.isTextual()) {
            Matcher matcher = SEVERITY.matcher(node.asText());
            if (matcher.matches()) {
                return Severity.ofLevel(Integer.parseInt(matcher.group(1)));
            }
        }
        fields.errors().add("severity", SEVERITY_MESSAGE);
        return null;
    }

    private Map<String, Object> metadata(JsonFields fields) {
        JsonNode node = fields.given("metadata");
        if (node == null) {
            return Map.of();
        }
        if (!node.isObject()) {
            fields.errors().add("metadata", "The metadata must be a JSON object.");
            return Map.of();
        }
        if (JsonBodyRules.exceedsDepth(node, METADATA_MAX_DEPTH)) {
            fields.errors().add("metadata", JsonBodyRules.depthMessage("metadata", METADATA_MAX_DEPTH));
            return Map.of();
        }
        try {
            if (objectMapper.writeValueAsBytes(node).length > METADATA_MAX_BYTES) {
                fields.errors().add("metadata",
                        "The metadata must not be larger than " + METADATA_MAX_BYTES + " bytes.");
                return Map.of();
            }
            return objectMapper.convertValue(node, new TypeReference<>() { });
        } catch (JsonProcessingException | IllegalArgumentException e) {
            fields.errors().add("metadata", "The metadata must be a JSON object.");
            return Map.of();
        }
    }

    /** The tags, or {@code null} when not given. */
    private static List<String> tags(JsonFields fields) {
        JsonNode node = fields.given("tags");
        if (node == null) {
            return null;
        }
        if (!node.isArray()) {
            fields.errors().add("tags", "The tags must be an array.");
            return List.of();
        }
        if (node.size() > TAGS_MAX) {
            fields.errors().add("tags", "The tags must not have more than " + TAGS_MAX + " items.");
            return List.of();
        }
        Set<String> tags = new LinkedHashSet<>();
        for (JsonNode tag : node) {
            if (!tag.isTextual() || tag.asText().isBlank() || tag.asText().trim().length() > TAG_MAX) {
                fields.errors().add("tags",
                        "Each tag must be a non-empty string of at most " + TAG_MAX + " characters.");
                return List.of();
            }
            tags.add(tag.asText().trim());
        }
        return new ArrayList<>(tags);
    }

    private static IncidentStatus status(JsonFields fields) {
        JsonNode node = fields.given("status");
        if (node == null) {
            return IncidentStatus.OPEN;
        }
        return IncidentStatus.fromWireName(node.asText().trim().toLowerCase()).orElseGet(() -> {
            fields.errors().add("status", "The selected status is invalid. It must be one of: open, acknowledged, resolved.");
            return null;
        });
    }
}
