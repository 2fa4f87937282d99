package com.sizemotion.incidents.command.integration.datadog;

import com.fasterxml.jackson.databind.JsonNode;
import com.sizemotion.incidents.api.incident.Severity;
import com.sizemotion.incidents.api.web.FieldErrors;
import com.sizemotion.incidents.command.integration.AlertAction;
import com.sizemotion.incidents.command.integration.PayloadText;
import com.sizemotion.incidents.command.integration.SeverityNames;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads the custom payload of Datadog's Webhooks integration that the README gives (every value a
 * string filled in from a Datadog template variable). One notification is one alert of one monitor
 * group: keyed by {@code alert_cycle_key} when Datadog gives it, else by {@code alert_id} and
 * {@code scope}. Fields this mapper does not know are ignored.
 */
@Component
public class DatadogPayloadMapper {

    public static final String SOURCE = "datadog";

    private static final Set<String> OPENING = Set.of("triggered", "retriggered", "warn", "rewarn", "nodata",
            "renodata", "renotify");
    private static final Set<String> LESSER_ALERT_TYPES = Set.of("warning", "info");

    private final Severity defaultSeverity;

    DatadogPayloadMapper(@Value("${incidents.integrations.datadog.default-severity:3}") int defaultSeverity) {
        if (defaultSeverity < 1 || defaultSeverity > 4) {
            throw new IllegalArgumentException(
                    "incidents.integrations.datadog.default-severity must be 1 to 4, was " + defaultSeverity);
        }
        this.defaultSeverity = Severity.ofLevel(defaultSeverity);
    }

    public List<AlertAction> map(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw FieldErrors.single("body", "The request body must be a JSON object.");
        }
        FieldErrors errors = new FieldErrors();
        String cycleKey = PayloadText.key(body, "alert_cycle_key", "alert_cycle_key", errors);
        String alertId = PayloadText.key(body, "alert_id", "alert_id", errors);
        String scope = scope(PayloadText.key(body, "scope", "scope", errors));
        errors.throwIfAny();
        if (cycleKey == null && alertId == null) {
            throw FieldErrors.single("alert_id",
                    "The alert id field is required ($ALERT_ID), unless alert_cycle_key ($ALERT_CYCLE_KEY) is given.");
        }
        String key = cycleKey != null ? AlertAction.key(SOURCE, cycleKey)
                : scope == null ? AlertAction.key(SOURCE, alertId) : AlertAction.key(SOURCE, alertId, scope);
        String transition = PayloadText.of(body, "transition");
        String normalized = transition == null ? "" : transition.toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "");
        if (normalized.endsWith("recovered")) {
            return List.of(new AlertAction.Resolve(key, null));
        }
        if (!OPENING.contains(normalized)) {
            return List.of(new AlertAction.Ignore(key, transition == null
                    ? "The notification has no transition ($ALERT_TRANSITION), so it neither opens nor resolves an incident."
                    : "The transition \"" + transition + "\" neither opens nor resolves an incident."));
        }
        List<String> tags = tags(PayloadText.of(body, "tags"));
        return List.of(new AlertAction.Open(key, null, title(body, alertId, cycleKey), severity(body),
                description(PayloadText.of(body, "body")), metadata(body, tags, alertId, cycleKey, scope, transition), tags));
    }

    /** The monitor group, as a canonical list: {@code host:web-01, env:prod} and {@code env:prod,host:web-01} are one group. */
    private static String scope(String scope) {
        if (scope == null) {
            return null;
        }
        String canonical = String.join(",", Arrays.stream(scope.split(",")).map(String::trim)
                .filter(part -> !part.isEmpty()).sorted().toList());
        return canonical.isEmpty() ? null : canonical;
    }

    /** P1–P5 (P5 is 4); without a priority the configured default, one level lower for warning and info alerts. */
    private Severity severity(JsonNode body) {
        return SeverityNames.parse(PayloadText.of(body, "priority"), Map.of()).orElseGet(() -> {
            String alertType = PayloadText.of(body, "alert_type");
            if (alertType != null && LESSER_ALERT_TYPES.contains(alertType.toLowerCase(Locale.ROOT))) {
                return Severity.ofLevel(Math.min(4, defaultSeverity.level() + 1));
            }
            return defaultSeverity;
        });
    }

    private static String title(JsonNode body, String alertId, String cycleKey) {
        String title = PayloadText.of(body, "title");
        if (title == null) {
            title = PayloadText.of(body, "event_title");
        }
        return title != null ? title : "Datadog monitor " + (alertId != null ? alertId : cycleKey);
    }

    /** {@code $EVENT_MSG} without the {@code %%%} markers that fence Datadog's markdown. */
    private static String description(String message) {
        if (message == null) {
            return null;
        }
        String text = message.trim();
        if (text.startsWith("%%%")) {
            text = text.substring(3);
        }
        if (text.endsWith("%%%")) {
            text = text.substring(0, text.length() - 3);
        }
        return text.trim();
    }

    /** {@code $TAGS}, comma-separated. */
    private static List<String> tags(String tags) {
        if (tags == null) {
            return List.of();
        }
        return Arrays.stream(tags.split(",")).map(String::trim).filter(tag -> !tag.isEmpty()).toList();
    }

    /**
     * Each {@code key:value} tag as a key (a key given several times gets its values comma-separated),
     * then the notification's own fields, which win over tags of the same name.
     */
    private static Map<String, Object> metadata(JsonNode body, List<String> tags, String alertId, String cycleKey,
                                                String scope, String transition) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        for (String tag : tags) {
            int colon = tag.indexOf(':');
            if (colon > 0 && colon < tag.length() - 1) {
                metadata.merge(tag.substring(0, colon), tag.substring(colon + 1), (a, b) -> a + "," + b);
            }
        }
        putIfGiven(metadata, "alert_id", alertId);
        putIfGiven(metadata, "alert_cycle_key", cycleKey);
        putIfGiven(metadata, "scope", scope);
        putIfGiven(metadata, "transition", transition);
        putIfGiven(metadata, "priority", PayloadText.of(body, "priority"));
        putIfGiven(metadata, "alert_type", PayloadText.of(body, "alert_type"));
        putIfGiven(metadata, "event_title", PayloadText.of(body, "event_title"));
        putIfGiven(metadata, "link", PayloadText.of(body, "link"));
        putIfGiven(metadata, "hostname", PayloadText.of(body, "hostname"));
        putIfGiven(metadata, "triggered_at", epochMillis(PayloadText.of(body, "date")));
        putIfGiven(metadata, "org_id", PayloadText.of(body.get("org"), "id"));
        putIfGiven(metadata, "org_name", PayloadText.of(body.get("org"), "name"));
        return metadata;
    }

    /** {@code $DATE}: epoch milliseconds (seconds are recognised too), as an ISO-8601 instant. */
    private static String epochMillis(String date) {
        if (date == null || !date.matches("\\d{1,15}")) {
            return null;
        }
        long value = Long.parseLong(date);
        return (date.length() <= 10 ? Instant.ofEpochSecond(value) : Instant.ofEpochMilli(value)).toString();
    }

    private static void putIfGiven(Map<String, Object> metadata, String key, String value) {
        if (value != null) {
            metadata.put(key, value);
        }
    }
}
