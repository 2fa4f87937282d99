package com.sizemotion.incidents.command.integration.alertmanager;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.sizemotion.incidents.api.incident.Severity;
import com.sizemotion.incidents.api.web.FieldErrors;
import com.sizemotion.incidents.command.integration.AlertAction;
import com.sizemotion.incidents.command.integration.PayloadText;
import com.sizemotion.incidents.command.integration.SeverityNames;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the payload of Alertmanager's {@code webhook_config} (version 4): one action per alert,
 * keyed by the alert's fingerprint; a firing alert opens or repeats its incident, a resolved one
 * resolves it. Fields this mapper does not know (newer Alertmanagers add some) are ignored.
 */
@Component
public class AlertmanagerPayloadMapper {

    public static final String SOURCE = "alertmanager";
    static final Severity DEFAULT_SEVERITY = Severity.SEV3;

    private static final Map<String, Severity> SEVERITY_WORDS = Map.of(
            "critical", Severity.SEV1,
            "error", Severity.SEV2,
            "high", Severity.SEV2,
            "warning", Severity.SEV3,
            "warn", Severity.SEV3,
            "info", Severity.SEV4,
            "low", Severity.SEV4);

    private final ObjectMapper objectMapper;

    AlertmanagerPayloadMapper(ObjectMapper objectMapper) {
        this.objectMapper = objectMapper;
    }

    /** The payload's alerts as actions, in the payload's order; every problem of the payload at once as a 422. */
    public List<AlertAction> map(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw FieldErrors.single("body", "The request body must be a JSON object.");
        }
        FieldErrors errors = new FieldErrors();
        if (!"4".equals(PayloadText.of(body, "version"))) {
            errors.add("version", "The version must be \"4\": this endpoint reads Alertmanager's webhook payload version 4.");
        }
        JsonNode alerts = body.get("alerts");
        if (alerts == null || !alerts.isArray()) {
            errors.add("alerts", "The alerts field must be an array.");
            errors.throwIfAny();
        }
        String externalUrl = PayloadText.of(body, "externalURL");
        List<AlertAction> actions = new ArrayList<>();
        for (int i = 0; i < alerts.size(); i++) {
            AlertAction action = alert(alerts.get(i), "alerts." + i, externalUrl, errors);
            if (action != null) {
                actions.add(action);
            }
        }
        errors.throwIfAny();
        return actions;
    }

    private AlertAction alert(JsonNode alert, String path, String externalUrl, FieldErrors errors) {
        if (!alert.isObject()) {
            errors.add(path, "Each alert must be a JSON object.");
            return null;
        }
        boolean valid = true;
        String fingerprint = PayloadText.key(alert, "fingerprint", path + ".fingerprint", errors);
        if (fingerprint == null) {
            if (!errors.has(path + ".fingerprint")) {
                errors.add(path + ".fingerprint", "The fingerprint field is required.");
            }
            valid = false;
        }
        String status = PayloadText.of(alert, "status");
        if (!"firing".equals(status) && !"resolved".equals(status)) {
            errors.add(path + ".status", "The status must be firing or resolved.");
            valid = false;
        }
        JsonNode labels = optionalObject(alert, "labels", path, errors);
        JsonNode annotations = optionalObject(alert, "annotations", path, errors);
        String teamText = PayloadText.of(labels, "team_id");
        Long teamId = null;
        if (teamText != null) {
            if (teamText.matches("\\d{1,18}")) {
                teamId = Long.parseLong(teamText);
            } else {
                errors.add(path + ".labels.team_id", "The team_id label must be a team id (an integer).");
                valid = false;
            }
        }
        if (!valid || labels == null || annotations == null) {
            return null;
        }
        String key = AlertAction.key(SOURCE, fingerprint);
        if ("resolved".equals(status)) {
            return new AlertAction.Resolve(key, teamId);
        }
        return new AlertAction.Open(key, teamId, title(labels, annotations, fingerprint),
                SeverityNames.parse(PayloadText.of(labels, "severity"), SEVERITY_WORDS).orElse(DEFAULT_SEVERITY),
                PayloadText.of(annotations, "description"),
                metadata(alert, fingerprint, labels, annotations, externalUrl), tags(labels));
    }

    /** The object at {@code field}, cleaned; an empty object when absent; {@code null} (and an error) when it is not an object. */
    private static JsonNode optionalObject(JsonNode alert, String field, String path, FieldErrors errors) {
        JsonNode node = alert.get(field);
        if (node == null || node.isNull()) {
            return JsonNodeFactory.instance.objectNode();
        }
        if (!node.isObject()) {
            errors.add(path + "." + field, "The " + field + " must be a JSON object.");
            return null;
        }
        return PayloadText.cleaned(node);
    }

    private static String title(JsonNode labels, JsonNode annotations, String fingerprint) {
        String summary = PayloadText.of(annotations, "summary");
        if (summary != null) {
            return summary;
        }
        String alertName = PayloadText.of(labels, "alertname");
        return alertName != null ? alertName : "Alert " + fingerprint;
    }

    private Map<String, Object> metadata(JsonNode alert, String fingerprint, JsonNode labels, JsonNode annotations,
                                         String externalUrl) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("fingerprint", fingerprint);
        metadata.put("labels", objectMapper.convertValue(labels, new TypeReference<Map<String, Object>>() { }));
        metadata.put("annotations", objectMapper.convertValue(annotations, new TypeReference<Map<String, Object>>() { }));
        putIfGiven(metadata, "generatorURL", PayloadText.of(alert, "generatorURL"));
        putIfGiven(metadata, "startsAt", PayloadText.of(alert, "startsAt"));
        putIfGiven(metadata, "externalURL", externalUrl);
        return metadata;
    }

    private static void putIfGiven(Map<String, Object> metadata, String key, String value) {
        if (value != null) {
            metadata.put(key, value);
        }
    }

    /** Every label as {@code name:value}. */
    private static List<String> tags(JsonNode labels) {
        List<String> tags = new ArrayList<>();
        labels.fields().forEachRemaining(label -> {
            String value = PayloadText.of(labels, label.getKey());
            if (value != null) {
                tags.add(label.getKey() + ":" + value);
            }
        });
        return tags;
    }
}
