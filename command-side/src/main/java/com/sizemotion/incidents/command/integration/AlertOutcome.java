package com.sizemotion.incidents.command.integration;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/**
 * What was done for one alert of a webhook delivery: {@code {"key","action","incident_id"?,"reason"?}}.
 *
 * @param key the alert's deduplication key, which is also its incident's {@code external_id}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AlertOutcome(String key, Action action, Long incidentId, String reason) {

    public enum Action {
        CREATED, REPEATED, RESOLVED, ACKNOWLEDGED, REOPENED, IGNORED;

        @JsonValue
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    static AlertOutcome of(String key, Action action, long incidentId) {
        return new AlertOutcome(key, action, incidentId, null);
    }

    static AlertOutcome ignored(String key, Long incidentId, String reason) {
        return new AlertOutcome(key, Action.IGNORED, incidentId, reason);
    }
}
