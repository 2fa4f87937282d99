package com.sizemotion.incidents.command.integration.pagerduty;

import com.fasterxml.jackson.databind.JsonNode;
import com.sizemotion.incidents.api.incident.Severity;
import com.sizemotion.incidents.api.web.FieldErrors;
import com.sizemotion.incidents.command.integration.AlertAction;
import com.sizemotion.incidents.command.integration.PayloadText;
import com.sizemotion.incidents.command.integration.SeverityNames;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a PagerDuty v3 webhook payload ({@code {"event":{"event_type",…,"data":{…}}}}), which
 * carries one event: {@code incident.triggered} opens an incident keyed by the PagerDuty incident
 * id, {@code incident.acknowledged}, {@code incident.resolved} and {@code incident.reopened} change
 * it, any other event type is accepted and ignored.
 */
@Component
public class PagerDutyPayloadMapper {

    public static final String SOURCE = "pagerduty";

    static final String TRIGGERED = "incident.triggered";
    static final String ACKNOWLEDGED = "incident.acknowledged";
    static final String RESOLVED = "incident.resolved";
    static final String REOPENED = "incident.reopened";
    private static final Set<String> HANDLED = Set.of(TRIGGERED, ACKNOWLEDGED, RESOLVED, REOPENED);

    public List<AlertAction> map(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw FieldErrors.single("body", "The request body must be a JSON object.");
        }
        JsonNode event = body.get("event");
        if (event == null || !event.isObject()) {
            throw FieldErrors.single("event", "The event field must be a JSON object, as in PagerDuty's v3 webhooks.");
        }
        String eventType = PayloadText.of(event, "event_type");
        if (eventType == null) {
            throw FieldErrors.single("event.event_type", "The event type field is required.");
        }
        JsonNode data = event.get("data");
        if (!HANDLED.contains(eventType)) {
            return List.of(new AlertAction.Ignore(AlertAction.key(SOURCE, subject(event, data)),
                    "PagerDuty's " + eventType + " events do not change incidents here."));
        }
        FieldErrors errors = new FieldErrors();
        String incidentId = PayloadText.key(data, "id", "event.data.id", errors);
        errors.throwIfAny();
        if (incidentId == null) {
            throw FieldErrors.single("event.data.id", "The id of the PagerDuty incident is required.");
        }
        String key = AlertAction.key(SOURCE, incidentId);
        return List.of(switch (eventType) {
            case ACKNOWLEDGED -> new AlertAction.Acknowledge(key, null);
            case RESOLVED -> new AlertAction.Resolve(key, null);
            case REOPENED -> new AlertAction.Reopen(key, null);
            default -> new AlertAction.Open(key, null, title(data, incidentId), severity(data), null, metadata(data),
                    List.of());
        });
    }

    /**
     * The API document's pairs: high urgency is 1 or 2, low urgency 3 or 4; priority P1 or P2 picks
     * the more severe of the pair, any other priority or none the less severe. Without an urgency,
     * PagerDuty's default, high, applies.
     */
    static Severity severity(JsonNode data) {
        boolean topPriority = SeverityNames.parse(PayloadText.of(data.get("priority"), "summary"), Map.of())
                .filter(priority -> priority.level() <= 2)
                .isPresent();
        boolean low = "low".equalsIgnoreCase(PayloadText.of(data, "urgency"));
        if (low) {
            return topPriority ? Severity.SEV3 : Severity.SEV4;
        }
        return topPriority ? Severity.SEV1 : Severity.SEV2;
    }

    private static String title(JsonNode data, String incidentId) {
        String title = PayloadText.of(data, "title");
        if (title != null) {
            return title;
        }
        String number = PayloadText.of(data, "number");
        return "PagerDuty incident " + (number != null ? "#" + number : incidentId);
    }

    private static Map<String, Object> metadata(JsonNode data) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        putIfGiven(metadata, "html_url", PayloadText.of(data, "html_url"));
        JsonNode number = data.get("number");
        if (number != null && number.isIntegralNumber() && number.canConvertToLong()) {
            metadata.put("number", number.asLong());
        } else {
            putIfGiven(metadata, "number", PayloadText.of(data, "number"));
        }
        putIfGiven(metadata, "incident_key", PayloadText.of(data, "incident_key"));
        putIfGiven(metadata, "service", PayloadText.of(data.get("service"), "summary"));
        putIfGiven(metadata, "service_id", PayloadText.of(data.get("service"), "id"));
        putIfGiven(metadata, "urgency", PayloadText.of(data, "urgency"));
        putIfGiven(metadata, "priority", PayloadText.of(data.get("priority"), "summary"));
        putIfGiven(metadata, "escalation_policy", PayloadText.of(data.get("escalation_policy"), "summary"));
        return metadata;
    }

    /** What an event is about: the incident of an incident event or of a note on one, else the event itself. */
    private static String subject(JsonNode event, JsonNode data) {
        String incidentId = "incident".equals(PayloadText.of(data, "type")) ? PayloadText.of(data, "id") : null;
        if (incidentId == null && data != null) {
            incidentId = PayloadText.of(data.get("incident"), "id");
        }
        if (incidentId != null) {
            return incidentId;
        }
        String eventId = PayloadText.of(event, "id");
        return "event:" + (eventId != null ? eventId : "unknown");
    }

    private static void putIfGiven(Map<String, Object> metadata, String key, String value) {
        if (value != null) {
            metadata.put(key, value);
        }
    }
}
